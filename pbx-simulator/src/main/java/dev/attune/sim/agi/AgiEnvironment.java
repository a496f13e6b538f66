package dev.attune.sim.agi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code agi_*} block res_agi sends first on a FastAGI connection, in Asterisk 20's order and format (see
 * {@code testdata/ami-traces/fastagi-session.txt}): one {@code agi_name: value} line each, bare LF, empty values keep
 * the space after the colon, an empty line at the end.
 *
 * @param request  the dialplan's argument, e.g. {@code agi://127.0.0.1:4573/survey}
 * @param priority the dialplan priority of the {@code AGI()} line
 */
public record AgiEnvironment(String request, String channel, String language, String uniqueid, String callerId,
                             String callerIdName, String dnid, String context, String extension, int priority,
                             long threadId) {
  private static final String VERSION = "20.20.1";

  /** The path of {@code agi://host:port/path}: what {@code agi_network_script} says. */
  public String script() {
    String rest = request.substring(request.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return slash < 0 ? "" : rest.substring(slash + 1);
  }

  /** The channel technology, as {@code agi_type} gives it: {@code PJSIP} for {@code PJSIP/trunk-00000003}. */
  public String type() {
    int slash = channel.indexOf('/');
    return slash < 0 ? channel : channel.substring(0, slash);
  }

  public byte[] toWire() {
    StringBuilder b = new StringBuilder();
    line(b, "network", "yes");
    line(b, "network_script", script());
    line(b, "request", request);
    line(b, "channel", channel);
    line(b, "language", language);
    line(b, "type", type());
    line(b, "uniqueid", uniqueid);
    line(b, "version", VERSION);
    line(b, "callerid", callerId);
    line(b, "calleridname", callerIdName);
    line(b, "callingpres", "0");
    line(b, "callingani2", "0");
    line(b, "callington", "0");
    line(b, "callingtns", "0");
    line(b, "dnid", dnid);
    line(b, "rdnis", "unknown");
    line(b, "context", context);
    line(b, "extension", extension);
    line(b, "priority", String.valueOf(priority));
    line(b, "enhanced", "0.0");
    line(b, "accountcode", "");
    line(b, "threadid", String.format(Locale.ROOT, "%d", threadId));
    b.append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder b, String name, String value) {
    b.append("agi_").append(name).append(": ").append(value == null ? "" : value).append('\n');
  }
}
