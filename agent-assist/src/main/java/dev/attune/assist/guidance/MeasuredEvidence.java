package dev.attune.assist.guidance;

import java.util.Locale;

/**
 * The measured part of a card raised by the audio or the clock ("on hold 3 min 5 s"), in the call's language: it is
 * the line the agent reads under the card, so a Chinese call gets it in Chinese. Unknown language: English.
 */
final class MeasuredEvidence {
  private final boolean zh;

  MeasuredEvidence(String language) {
    this.zh = language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
  }

  /** A card the sentence model raised: the pack's example the words came close to. */
  String closeTo(String example) {
    return zh ? "接近：“" + example + "”" : "close to: “" + example + "”";
  }

  String onHold(long seconds) {
    return zh ? "已保持 " + minutesAndSeconds(seconds) : "on hold " + minutesAndSeconds(seconds);
  }

  String apologies(long count, long windowSeconds, String words) {
    return zh ? windowSeconds + " 秒内道歉 " + count + " 次：" + words
        : count + " apologies in the last " + windowSeconds + " s: " + words;
  }

  String startedEarly(long millis) {
    return zh ? "客户还没说完，您提前 " + millis + " 毫秒开口" : "started " + millis + " ms before the customer finished";
  }

  String talkShare(double agentShare, double seconds) {
    return zh ? format("%.0f 秒内您说话占 %.0f%%", seconds, agentShare * 100)
        : format("agent %.0f%% of the talk over %.0f s", agentShare * 100, seconds);
  }

  String customerVoice(double db, double pitchRise) {
    return zh ? format("客户音量比平时高 %+.1f dB，音调 %+.0f%%", db, pitchRise * 100)
        : format("customer voice %+.1f dB over their baseline, pitch %+.0f%%", db, pitchRise * 100);
  }

  String agentEscalating(double db, double paceRise) {
    return zh ? format("客户正在生气，您的音量比平时 %+.1f dB，语速 %+.0f%%", db, paceRise * 100)
        : format("your voice %+.1f dB over your baseline, pace %+.0f%%, while the customer is angry", db, paceRise * 100);
  }

  String talkedOver(int times) {
    return zh ? "您打断了客户（本次通话第 " + times + " 次）"
        : "you talked over the customer (" + times + (times == 1 ? " time" : " times") + " on this call)";
  }

  String pace(double agent, double customer) {
    return zh ? format("您 %.1f 音节/秒，客户 %.1f（%+.0f%%）", agent, customer, (agent / customer - 1) * 100)
        : format("you %.1f syllables/s, the customer %.1f (%+.0f%%)", agent, customer, (agent / customer - 1) * 100);
  }

  String silence(double seconds) {
    return zh ? format("已沉默 %.0f 秒", seconds) : format("%.0f s of silence", seconds);
  }

  private String minutesAndSeconds(long seconds) {
    if (zh) {
      return seconds >= 60 ? (seconds / 60) + " 分 " + (seconds % 60) + " 秒" : seconds + " 秒";
    }
    return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
