package dev.attune.bridge.taps;

import com.hazelcast.map.IMap;
import dev.attune.bridge.calls.CallTracker;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallTransferred;
import dev.attune.core.calls.Party;
import dev.attune.core.config.AttuneConfig;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each answered call's two audio taps, agent voice and customer voice, as separate AudioSocket streams:
 * one AMI {@code Originate} per party of an {@code AudioSocket/<advertisedHost>:<port>/<uuid>} channel running
 * {@code ChanSpy(<uniqueid>,qoESu)} (only what that party says, quiet, ends with the party or at once if the party
 * is already gone, matched by Uniqueid: the recommended form in shared/audio-taps). The tap is registered in
 * {@code assist.taps} before the Originate, because Asterisk connects within milliseconds. Asterisk closes the stream
 * when the party hangs up; the registrations are removed when the call ends. Runs on the AMI owner only, so a call
 * gets its taps once.
 */
public final class AudioTaps {
  private static final Logger log = LoggerFactory.getLogger(AudioTaps.class);
  /** ChanSpy: o = only the spied party's own voice, q = no beep, E = exit with the party, S/u = by Uniqueid. */
  static final String CHANSPY_OPTIONS = "qoESu";
  /** Our tap channels' Uniqueid prefix ({@code ChannelId}); the call tracker ignores channels with it. */
  public static final String CHANNEL_ID_PREFIX = "tap-";

  private final AttuneConfig.AudioSocket config;
  private final IMap<String, AudioTap> taps;
  private final Function<OriginateAction, Future<ManagerResponse>> ami;
  private final Map<String, Tapped> tapped = new HashMap<>();
  private final Map<String, String> uuidByChannelId = new HashMap<>();

  /** The taps of one call so far. */
  private static final class Tapped {
    final String linkedid;
    final List<String> uuids = new ArrayList<>(2);
    String agent;
    String agentSpied;

    Tapped(String linkedid, String agent) {
      this.linkedid = linkedid;
      this.agent = agent;
    }
  }

  public AudioTaps(AttuneConfig.AudioSocket config, IMap<String, AudioTap> taps,
                   Function<OriginateAction, Future<ManagerResponse>> ami) {
    this.config = config;
    this.taps = taps;
    this.ami = ami;
  }

  /**
   * Starts taps on CallAnswered, a new agent tap when a transfer hands the customer to another agent's channel, and
   * forgets the call's taps on CallEnded. {@code legs} come from the call tracker.
   */
  public void onCallEvent(CallEventMessage message, CallTracker.Legs legs) {
    if (!config.taps()) {
      return;
    }
    String callId = message.event().callId();
    if (message.event() instanceof CallAnswered answered && legs != null && !tapped.containsKey(callId)) {
      String linkedid = message.call() == null ? callId : message.call().linkedid();
      Tapped call = new Tapped(linkedid, answered.agent());
      tapped.put(callId, call);
      start(callId, call, Party.AGENT, legs.agentUniqueid());
      start(callId, call, Party.CUSTOMER, legs.customerUniqueid());
    } else if (message.event() instanceof CallTransferred transferred && transferred.success() && legs != null) {
      Tapped call = tapped.get(callId);
      // the old agent's tap ends with their channel (ChanSpy E); the new agent's voice needs its own
      if (call != null && legs.agentUniqueid() != null && !legs.agentUniqueid().equals(call.agentSpied)) {
        call.agent = transferred.to();
        start(callId, call, Party.AGENT, legs.agentUniqueid());
      }
    } else if (message.event() instanceof CallEnded) {
      Tapped call = tapped.remove(callId);
      if (call != null) {
        call.uuids.forEach(uuid -> taps.removeAsync(uuid));
        uuidByChannelId.values().removeAll(call.uuids);
      }
    }
  }

  /** Asterisk could not open a tap (e.g. nothing listening: Reason 8): drop its registration and say so. */
  public void onOriginateResponse(OriginateResponseEvent e) {
    String channelId = e.getUniqueId();
    if (channelId == null || !channelId.startsWith(CHANNEL_ID_PREFIX)) {
      return;
    }
    String uuid = uuidByChannelId.remove(channelId);
    if ("Failure".equalsIgnoreCase(e.getResponse())) {
      log.warn("audio tap {} not opened (reason {}): is the AudioSocket server listening on {}:{}?", channelId,
          e.getReason(), config.advertisedHost(), config.port());
      if (uuid != null) {
        taps.removeAsync(uuid);
      }
    }
  }

  private void start(String callId, Tapped call, Party party, String spiedUniqueid) {
    if (spiedUniqueid == null || spiedUniqueid.isBlank()) {
      log.warn("call={} no {} channel known: no audio tap for it", callId, party.name().toLowerCase());
      return;
    }
    String uuid = UUID.randomUUID().toString();
    String agent = call.agent;
    String linkedid = call.linkedid;
    // a second agent tap (after a transfer) needs its own channel id: Asterisk refuses a Uniqueid in use
    String channelId = CHANNEL_ID_PREFIX + party.name().toLowerCase() + "-" + linkedid
        + (call.uuids.size() < 2 ? "" : "-" + call.uuids.size());
    call.uuids.add(uuid);
    if (party == Party.AGENT) {
      call.agentSpied = spiedUniqueid;
    }
    uuidByChannelId.put(channelId, uuid);
    OriginateAction originate = new OriginateAction();
    originate.setChannel("AudioSocket/" + config.advertisedHost() + ":" + config.port() + "/" + uuid);
    originate.setApplication("ChanSpy");
    originate.setData(spiedUniqueid + "," + CHANSPY_OPTIONS);
    originate.setAsync(true);
    originate.setTimeout(5_000L);
    originate.setCallerId("\"tap " + party.name().toLowerCase() + "\" <tap>");
    originate.setChannelId(channelId);
    originate.setVariable("TAP_ROLE", party.name().toLowerCase());
    originate.setVariable("TAP_UUID", uuid);
    originate.setVariable("TAP_LINKEDID", linkedid);
    Future.fromCompletionStage(taps.setAsync(uuid, new AudioTap(uuid, callId, party, agent, spiedUniqueid)))
        .compose(v -> ami.apply(originate))
        .onSuccess(r -> log.info("call={} {} audio tap uuid={} spying {}: {}", callId, party.name().toLowerCase(),
            uuid, spiedUniqueid, r.getResponse()))
        .onFailure(err -> {
          log.warn("call={} {} audio tap not requested: {}", callId, party.name().toLowerCase(), err.toString());
          taps.removeAsync(uuid);
        });
  }
}
