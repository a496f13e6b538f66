package dev.attune.sim.model;

import dev.attune.sim.ami.AmiMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated PBX has right now, learned only from the events it emits (replayed or generated), so list
 * actions ({@code CoreShowChannels}, {@code QueueStatus}) answer exactly as Asterisk would at that moment.
 * Not thread-safe: owned by the simulator's context.
 */
public final class PbxModel {
  private static final String[] SNAPSHOT = {"Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum",
      "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
      "Priority", "Uniqueid", "Linkedid"};

  /** A channel as CoreShowChannel reports it. */
  private static final class Channel {
    final Map<String, String> fields = new LinkedHashMap<>();
    String application = "";
    String applicationData = "";
    String bridgeId = "";
    double createdAt;
  }

  private record Entry(String queue, String uniqueid, double joinedAt) {}

  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** queue → interface → QueueMember fields. */
  private final Map<String, Map<String, Map<String, String>>> members = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> bridges = new LinkedHashMap<>();

  /** Learns from one emitted event; {@code now} is the PBX clock in epoch seconds. */
  public void observe(AmiMessage e, double now) {
    String name = e.get("Event");
    if (name == null) {
      return;
    }
    String uid = e.get("Uniqueid");
    switch (name) {
      case "Newchannel" -> {
        Channel ch = new Channel();
        for (String f : SNAPSHOT) {
          ch.fields.put(f, value(e, f));
        }
        ch.createdAt = now;
        channels.put(uid, ch);
      }
      case "Hangup" -> {
        channels.remove(uid);
        entries.remove(uid);
      }
      case "QueueCallerJoin" -> {
        entries.put(uid, new Entry(e.get("Queue"), uid, now));
        app(uid, "Queue", e.get("Queue") + ",t,,,120");
      }
      case "QueueCallerLeave", "QueueCallerAbandon" -> entries.remove(uid);
      case "AgentCalled" -> app(e.get("DestUniqueid"), "AppQueue", "(Outgoing Line)");
      case "BridgeEnter" -> {
        Channel ch = channels.get(uid);
        if (ch != null) {
          ch.bridgeId = value(e, "BridgeUniqueid");
        }
      }
      case "BridgeLeave" -> {
        Channel ch = channels.get(uid);
        if (ch != null) {
          ch.bridgeId = "";
        }
      }
      case "BridgeCreate" -> bridges.put(e.get("BridgeUniqueid"), bridgeFields(e));
      case "BridgeDestroy" -> bridges.remove(e.get("BridgeUniqueid"));
      case "QueueMemberStatus", "QueueMemberAdded", "QueueMemberPause" -> member(e);
      case "QueueMemberRemoved" -> members.getOrDefault(e.get("Queue"), Map.of()).remove(e.get("Interface"));
      default -> { }
    }
    updateSnapshot(uid, e, "");
    updateSnapshot(e.get("DestUniqueid"), e, "Dest");
  }

  /** Snapshot fields ride on almost every event: keep the latest (state, connected line, Linkedid changes). */
  private void updateSnapshot(String uid, AmiMessage e, String prefix) {
    Channel ch = uid == null ? null : channels.get(uid);
    if (ch == null || "Newchannel".equals(e.get("Event"))) {
      return;
    }
    for (String f : SNAPSHOT) {
      String v = e.get(prefix + f);
      if (v != null && !(f.equals("Exten") && v.isEmpty())) {
        ch.fields.put(f, v);
      }
    }
  }

  /**
   * The dialplan application a channel runs now, where no event it emits says so (Asterisk reports it in Newexten,
   * which a client without {@code dialplan} read access never sees): CoreShowChannels lists it.
   */
  public void runs(String uid, String application, String data) {
    app(uid, application, data);
  }

  private void app(String uid, String application, String data) {
    Channel ch = uid == null ? null : channels.get(uid);
    if (ch != null) {
      ch.application = application;
      ch.applicationData = data;
    }
  }

  private void member(AmiMessage e) {
    Map<String, String> m = members.computeIfAbsent(e.get("Queue"), q -> new LinkedHashMap<>())
        .computeIfAbsent(e.get("Interface"), i -> new LinkedHashMap<>());
    for (String f : new String[] {"MemberName", "Interface", "StateInterface", "Membership", "Penalty", "CallsTaken",
        "LastCall", "LastPause", "LoginTime", "InCall", "Status", "Paused", "PausedReason", "Wrapuptime"}) {
      if (e.has(f)) {
        m.put(f, e.get(f));
      }
    }
  }

  private static Map<String, String> bridgeFields(AmiMessage e) {
    Map<String, String> b = new LinkedHashMap<>();
    for (String f : new String[] {"BridgeUniqueid", "BridgeType", "BridgeTechnology", "BridgeCreator", "BridgeName",
        "BridgeNumChannels", "BridgeVideoSourceMode"}) {
      b.put(f, value(e, f));
    }
    return b;
  }

  private static String value(AmiMessage e, String f) {
    String v = e.get(f);
    return v == null ? "" : v;
  }

  public boolean hasChannel(String uniqueid) {
    return channels.containsKey(uniqueid);
  }

  public String channelName(String uniqueid) {
    Channel ch = channels.get(uniqueid);
    return ch == null ? null : ch.fields.get("Channel");
  }

  public int channelCount() {
    return channels.size();
  }

  /** Forgets everything, as an Asterisk restart does. */
  public void clear() {
    channels.clear();
    entries.clear();
    bridges.clear();
    members.values().forEach(q -> q.values().forEach(m -> m.put("InCall", "0")));
  }

  // ---- list-action items, shaped like Asterisk 20's (no Privilege, no Timestamp) ----

  public List<AmiMessage> coreShowChannels(String actionId, double now) {
    List<AmiMessage> out = new ArrayList<>();
    for (Channel ch : channels.values()) {
      AmiMessage m = new AmiMessage().add("Event", "CoreShowChannel");
      if (actionId != null) {
        m.add("ActionID", actionId);
      }
      ch.fields.forEach(m::add);
      m.add("Application", ch.application).add("ApplicationData", ch.applicationData)
          .add("Duration", hms(now - ch.createdAt)).add("BridgeId", ch.bridgeId);
      out.add(m);
    }
    return out;
  }

  public List<AmiMessage> queueStatus(String actionId, String onlyQueue, double now) {
    List<AmiMessage> out = new ArrayList<>();
    for (String queue : queues()) {
      if (onlyQueue != null && !onlyQueue.isEmpty() && !onlyQueue.equals(queue)) {
        continue;
      }
      long calls = entries.values().stream().filter(en -> en.queue.equals(queue)).count();
      out.add(withId(new AmiMessage().add("Event", "QueueParams").add("Queue", queue).add("Max", 0)
          .add("Strategy", "rrmemory").add("Calls", calls).add("Holdtime", 0).add("TalkTime", 0).add("Completed", 0)
          .add("Abandoned", 0).add("ServiceLevel", 0).add("ServicelevelPerf", "0.0")
          .add("ServicelevelPerf2", "0.0").add("Weight", 0), actionId));
      for (Map<String, String> m : members.getOrDefault(queue, Map.of()).values()) {
        out.add(withId(new AmiMessage().add("Event", "QueueMember").add("Queue", queue)
            .add("Name", m.getOrDefault("MemberName", "")).add("Location", m.getOrDefault("Interface", ""))
            .add("StateInterface", m.getOrDefault("StateInterface", m.getOrDefault("Interface", "")))
            .add("Membership", m.getOrDefault("Membership", "static")).add("Penalty", m.getOrDefault("Penalty", "0"))
            .add("CallsTaken", m.getOrDefault("CallsTaken", "0")).add("LastCall", m.getOrDefault("LastCall", "0"))
            .add("LastPause", m.getOrDefault("LastPause", "0")).add("LoginTime", m.getOrDefault("LoginTime", "0"))
            .add("InCall", m.getOrDefault("InCall", "0")).add("Status", m.getOrDefault("Status", "1"))
            .add("Paused", m.getOrDefault("Paused", "0")).add("PausedReason", m.getOrDefault("PausedReason", ""))
            .add("Wrapuptime", m.getOrDefault("Wrapuptime", "0")), actionId));
      }
      int position = 0;
      for (Entry en : entries.values()) {
        if (!en.queue.equals(queue)) {
          continue;
        }
        Channel ch = channels.get(en.uniqueid);
        Map<String, String> f = ch == null ? Map.of() : ch.fields;
        out.add(withId(new AmiMessage().add("Event", "QueueEntry").add("Queue", queue).add("Position", ++position)
            .add("Channel", f.getOrDefault("Channel", "")).add("Uniqueid", en.uniqueid)
            .add("CallerIDNum", f.getOrDefault("CallerIDNum", "")).add("CallerIDName", f.getOrDefault("CallerIDName", ""))
            .add("ConnectedLineNum", f.getOrDefault("ConnectedLineNum", ""))
            .add("ConnectedLineName", f.getOrDefault("ConnectedLineName", ""))
            .add("Wait", (long) (now - en.joinedAt)).add("Priority", 0), actionId));
      }
    }
    return out;
  }

  public List<AmiMessage> queueSummary(String actionId, double now) {
    List<AmiMessage> out = new ArrayList<>();
    for (String queue : queues()) {
      Map<String, Map<String, String>> ms = members.getOrDefault(queue, Map.of());
      long available = ms.values().stream().filter(m -> "1".equals(m.get("Status")) && !"1".equals(m.get("Paused")))
          .count();
      double oldest = entries.values().stream().filter(en -> en.queue.equals(queue))
          .mapToDouble(en -> now - en.joinedAt).max().orElse(0);
      out.add(withId(new AmiMessage().add("Event", "QueueSummary").add("Queue", queue).add("LoggedIn", ms.size())
          .add("Available", available)
          .add("Callers", entries.values().stream().filter(en -> en.queue.equals(queue)).count())
          .add("HoldTime", 0).add("TalkTime", 0).add("LongestHoldTime", (long) oldest), actionId));
    }
    return out;
  }

  public List<AmiMessage> bridgeList(String actionId) {
    List<AmiMessage> out = new ArrayList<>();
    for (Map<String, String> b : bridges.values()) {
      AmiMessage m = new AmiMessage().add("Event", "BridgeListItem");
      if (actionId != null) {
        m.add("ActionID", actionId);
      }
      b.forEach(m::add);
      out.add(m);
    }
    return out;
  }

  private List<String> queues() {
    List<String> qs = new ArrayList<>(members.keySet());
    entries.values().forEach(en -> {
      if (!qs.contains(en.queue)) {
        qs.add(en.queue);
      }
    });
    return qs;
  }

  private static AmiMessage withId(AmiMessage m, String actionId) {
    if (actionId != null) {
      m.add("ActionID", actionId); // QueueStatus items carry ActionID last, as Asterisk 20 sends them
    }
    return m;
  }

  private static String hms(double seconds) {
    long s = Math.max(0, (long) seconds);
    return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
