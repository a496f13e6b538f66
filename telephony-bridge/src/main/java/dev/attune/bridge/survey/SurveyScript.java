package dev.attune.bridge.survey;

import dev.attune.core.calls.SurveyResult;
import dev.attune.core.config.AttuneConfig;
import java.time.Clock;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AGI(agi://host:4573/survey)}, run after the agent hangs up ({@code Queue(...,c)} continues the caller's
 * dialplan): asks for one digit 1-5 in the customer's language, asks once more after silence or another key, thanks
 * the caller for a rating, and hands the result to {@link SurveyResults}. A hang-up or no usable key is "no answer",
 * recorded as such; a rating is never guessed.
 */
public final class SurveyScript implements AgiScript {
  private static final Logger log = LoggerFactory.getLogger(SurveyScript.class);

  private final AttuneConfig.Survey config;
  private final SurveyCalls calls;
  private final Consumer<SurveyResult> results;
  private final Clock clock;

  public SurveyScript(AttuneConfig.Survey config, SurveyCalls calls, Consumer<SurveyResult> results, Clock clock) {
    this.config = config;
    this.calls = calls;
    this.results = results;
    this.clock = clock;
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    SurveyCalls.Call call = calls.of(request, channel);
    if (call.agent() == null) { // the dialplan reaches here after Queue() however it ended: only a call an agent took
      log.info("survey call={}: no agent took this call, no survey", call.id());
      return;
    }
    Integer score = null;
    try {
      if (call.language() != null && !call.language().equals(request.getLanguage())) {
        channel.setVariable("CHANNEL(language)", call.language()); // Asterisk then plays sounds/<language>/...
      }
      score = ask(channel, config.prompt());
      if (score == null) {
        score = ask(channel, config.retryPrompt());
      }
      if (score != null) {
        channel.streamFile(config.thanksPrompt());
      }
    } catch (AgiHangupException e) {
      log.debug("survey call={}: the caller hung up", call.id());
    } finally {
      SurveyResult result = new SurveyResult(call.id(), score, clock.instant(), call.caller(), call.queue(),
          call.agent());
      log.info("survey call={} queue={} agent={} score={}", call.id(), call.queue(), call.agent(),
          score == null ? "no answer" : score);
      results.accept(result);
    }
  }

  /**
   * One prompt and one key. Asterisk answers {@code GET DATA} with the digits, {@code result= (timeout)} when nothing
   * was pressed, or {@code result=-1} when the caller hung up during it.
   *
   * @return 1-5, or null for silence or another key
   * @throws AgiHangupException when the caller is gone
   */
  private Integer ask(AgiChannel channel, String prompt) throws AgiException {
    String digits = channel.getData(prompt, config.timeoutSeconds() * 1000L, 1);
    if ("-1".equals(digits)) {
      throw new AgiHangupException();
    }
    return digits != null && digits.matches("[1-5]") ? Integer.valueOf(digits) : null;
  }
}
