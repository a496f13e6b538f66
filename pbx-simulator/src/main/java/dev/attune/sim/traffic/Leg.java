package dev.attune.sim.traffic;

import dev.attune.sim.ami.AmiMessage;

/** One simulated channel and the snapshot fields every call event repeats for it. */
final class Leg {
  final String name;
  final String uniqueid;
  String linkedid;
  String callerNum;
  String callerName;
  String connectedNum = "<unknown>";
  String connectedName = "<unknown>";
  String context;
  String exten;
  int priority = 1;
  int state; // 0 Down, 4 Ring, 5 Ringing, 6 Up

  Leg(String name, String uniqueid, String linkedid, String callerNum, String callerName, String context, String exten) {
    this.name = name;
    this.uniqueid = uniqueid;
    this.linkedid = linkedid;
    this.callerNum = callerNum;
    this.callerName = callerName;
    this.context = context;
    this.exten = exten;
  }

  static String stateDesc(int state) {
    return switch (state) {
      case 4 -> "Ring";
      case 5 -> "Ringing";
      case 6 -> "Up";
      default -> "Down";
    };
  }

  /** Appends the channel snapshot block ({@code prefix} = "" or "Dest", "Transferer"...), as manager_channels.c does. */
  AmiMessage snapshot(AmiMessage m, String prefix) {
    return m.add(prefix + "Channel", name).add(prefix + "ChannelState", state)
        .add(prefix + "ChannelStateDesc", stateDesc(state)).add(prefix + "CallerIDNum", callerNum)
        .add(prefix + "CallerIDName", callerName).add(prefix + "ConnectedLineNum", connectedNum)
        .add(prefix + "ConnectedLineName", connectedName).add(prefix + "Language", "en")
        .add(prefix + "AccountCode", "").add(prefix + "Context", context).add(prefix + "Exten", exten)
        .add(prefix + "Priority", priority).add(prefix + "Uniqueid", uniqueid).add(prefix + "Linkedid", linkedid);
  }
}
