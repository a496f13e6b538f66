package dev.attune.bridge.survey;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.store.MapNames;
import java.util.Locale;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which call a survey session belongs to, and in which language to ask. The call id is the bridge's
 * {@code systemname:linkedid}: the channel's {@code CHANNEL(linkedid)} and {@code ${SYSTEMNAME}} (the PBX's
 * {@code asterisk.conf} name, the same one its AMI events carry), else {@code ami.systemName}, else "pbx", as the
 * tracker names calls. Queue and agent come from the live call (the caller is still on the line, so the call is).
 */
public final class SurveyCalls {
  private static final Logger log = LoggerFactory.getLogger(SurveyCalls.class);

  /** What a survey result is filed under; {@code language} is the customer's, null when not known. */
  public record Call(String id, String caller, String queue, String agent, String language) {}

  private final String defaultSystemName;
  private final IMap<String, LiveCall> live;
  private final IMap<String, CallRecord> history;
  private final IMap<String, CustomerProfile> customers;

  private final CustomerKeys keys;

  public SurveyCalls(HazelcastInstance hazelcast, String configuredSystemName, CustomerKeys keys) {
    this.keys = keys;
    this.defaultSystemName = configuredSystemName == null || configuredSystemName.isBlank() ? "pbx"
        : configuredSystemName;
    this.live = hazelcast.getMap(MapNames.LIVE_CALLS);
    this.history = hazelcast.getMap(MapNames.CALL_HISTORY);
    this.customers = hazelcast.getMap(MapNames.CUSTOMERS);
  }

  /** Never fails: a lookup that cannot be made still files the result under the channel's own id. */
  public Call of(AgiRequest request, AgiChannel channel) throws AgiHangupException {
    String caller = request.getCallerIdNumber() == null ? "" : request.getCallerIdNumber();
    String linkedid = request.getUniqueId(); // the customer's channel starts its call: its uniqueid is the linkedid
    String system = "";
    try {
      linkedid = orElse(channel.getVariable("CHANNEL(linkedid)"), linkedid);
      system = orElse(channel.getFullVariable("${SYSTEMNAME}"), "");
    } catch (AgiHangupException e) {
      throw e;
    } catch (AgiException e) {
      log.warn("survey uniqueid={}: could not read the channel's linkedid: {}", request.getUniqueId(), e.toString());
    }
    String id = (system.isBlank() ? defaultSystemName : system) + ":" + linkedid;
    String queue = null;
    String agent = null;
    String language = null;
    try {
      LiveCall call = live.get(id);
      CallRecord record = call == null ? history.get(id) : null;
      queue = call != null ? call.queue() : record != null ? record.queue() : null;
      agent = call != null ? call.agent() : record != null ? record.agent() : null;
      caller = call != null && call.caller() != null && !call.caller().isBlank() ? call.caller() : caller;
      String key = keys.key(caller);
      CustomerProfile profile = key.isEmpty() ? null : customers.get(key);
      language = profile == null ? null : soundLanguage(profile.language());
    } catch (RuntimeException e) {
      log.warn("survey call={}: lookup failed, asking in the channel's language: {}", id, e.toString());
    }
    return new Call(id, caller, queue, agent, language);
  }

  /** {@code zh-CN} → {@code zh}: Asterisk's sound folders are named by language, without the region. */
  static String soundLanguage(String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    String primary = language.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? primary : null;
  }

  private static String orElse(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
