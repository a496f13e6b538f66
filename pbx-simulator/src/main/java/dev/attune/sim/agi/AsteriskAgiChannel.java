package dev.attune.sim.agi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's side of one AGI session on one channel, without the socket: each command line in, the reply res_agi
 * (Asterisk 20) writes back, LF-terminated. {@code GET DATA} is answered from the caller's keys: a digit
 * ({@code 200 result=4}), nothing ({@code 200 result= (timeout)}), or a hang-up during the prompt
 * ({@code 200 result=-1}, then res_agi's {@code HANGUP} line). On a hung-up channel only the commands res_agi marks
 * dead-safe (variables, VERBOSE, NOOP, EXEC) still run; the others get {@code 511}. Unknown commands get {@code 510}.
 * The simulator's FastAGI client and the bridge's tests both speak through this, so the protocol lives in one place.
 */
public final class AsteriskAgiChannel {
  /** About how long a prompt plays before the caller can answer it, and how long the thanks takes. */
  private static final double PROMPT_SECONDS = 3.0;
  private static final double DIGIT_AFTER_PROMPT_SECONDS = 1.5;
  private static final double HANG_UP_AFTER_PROMPT_SECONDS = 1.0;
  private static final double THANKS_SECONDS = 2.0;
  private static final Set<String> DEAD_SAFE = Set.of("GET VARIABLE", "GET FULL VARIABLE", "SET VARIABLE", "VERBOSE",
      "NOOP", "EXEC");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<String, String> channel;
  private final Map<String, String> set = new LinkedHashMap<>();
  private final Deque<AgiKey> keys;
  private final List<String> commands = new ArrayList<>();
  private boolean dead;

  /**
   * @param channel what the channel answers for {@code GET VARIABLE} / {@code ${...}} before the script sets anything
   *                (dialplan functions such as {@code CHANNEL(linkedid)}, {@code CALLERID(num)}, {@code SYSTEMNAME})
   * @param keys    what the caller does at each {@code GET DATA}, in order; silence once they run out
   */
  public AsteriskAgiChannel(Map<String, String> channel, List<AgiKey> keys) {
    this.channel = Map.copyOf(channel);
    this.keys = new ArrayDeque<>(keys);
  }

  /**
   * A caller's channel in the post-call survey. {@code systemName} is {@code asterisk.conf}'s, "" when it sets none
   * ({@code ${SYSTEMNAME}} then substitutes to nothing).
   */
  public static AsteriskAgiChannel survey(String linkedid, String callerNum, String systemName, List<AgiKey> keys) {
    return new AsteriskAgiChannel(Map.of("CHANNEL(linkedid)", linkedid, "CALLERID(num)", callerNum,
        "SYSTEMNAME", systemName == null ? "" : systemName), keys);
  }

  /** The reply to one command line (without its LF), LF-terminated; may be two lines when the caller hangs up. */
  public String answer(String command) {
    commands.add(command);
    List<String> words = words(command);
    String verb = verb(words);
    if (dead && !DEAD_SAFE.contains(verb)) {
      return "511 Command Not Permitted on a dead channel or intercepted\n";
    }
    return switch (verb) {
      case "GET VARIABLE" -> words.size() < 3 ? usage() : getVariable(words.get(2));
      case "GET FULL VARIABLE" -> words.size() < 4 ? usage() : "200 result=1 (" + substitute(words.get(3)) + ")\n";
      case "SET VARIABLE" -> {
        if (words.size() < 4) {
          yield usage();
        }
        set.put(words.get(2), words.get(3));
        yield "200 result=1\n";
      }
      case "GET DATA" -> words.size() < 3 ? usage() : getData();
      case "STREAM FILE" -> words.size() < 4 ? usage() : "200 result=0 endpos=8000\n";
      case "VERBOSE", "NOOP" -> "200 result=1\n";
      case "ANSWER", "EXEC" -> "200 result=0\n";
      case "HANGUP" -> {
        dead = true;
        yield "200 result=1\n";
      }
      default -> "510 Invalid or unknown command\n";
    };
  }

  /** How long a real caller would take before Asterisk sends this command's reply (prompts play, callers think). */
  public double secondsToAnswer(String command) {
    List<String> words = words(command);
    String verb = verb(words);
    if (dead) {
      return 0;
    }
    if (verb.equals("GET DATA")) {
      AgiKey next = keys.isEmpty() ? AgiKey.SILENCE : keys.peek();
      if (next instanceof AgiKey.Digit) {
        return PROMPT_SECONDS + DIGIT_AFTER_PROMPT_SECONDS;
      }
      if (next instanceof AgiKey.HangUp) {
        return PROMPT_SECONDS + HANG_UP_AFTER_PROMPT_SECONDS;
      }
      return PROMPT_SECONDS + (words.size() > 3 ? timeoutSeconds(words.get(3)) : 5); // silence: the whole wait
    }
    return verb.equals("STREAM FILE") ? THANKS_SECONDS : 0;
  }

  /** Every command line the server sent, in order. */
  public List<String> commands() {
    return List.copyOf(commands);
  }

  /** The sound files the server asked Asterisk to play (GET DATA and STREAM FILE), in order. */
  public List<String> played() {
    return commands.stream().map(AsteriskAgiChannel::words)
        .filter(w -> w.size() >= 3 && (verb(w).equals("GET DATA") || verb(w).equals("STREAM FILE")))
        .map(w -> w.get(2)).toList();
  }

  /** The variables the server set, in order. */
  public Map<String, String> variablesSet() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
  }

  /** The caller hung up during a prompt (or the server hung the channel up). */
  public boolean hungUp() {
    return dead;
  }

  private String getVariable(String name) {
    String value = set.containsKey(name) ? set.get(name) : channel.get(name);
    return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
  }

  private String substitute(String expression) {
    Matcher m = REFERENCE.matcher(expression);
    StringBuilder out = new StringBuilder();
    while (m.find()) { // an unset variable substitutes to nothing, as in the dialplan
      String name = m.group(1);
      String value = set.containsKey(name) ? set.get(name) : channel.getOrDefault(name, "");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String getData() {
    AgiKey key = keys.isEmpty() ? AgiKey.SILENCE : keys.poll();
    if (key instanceof AgiKey.Digit d) {
      return "200 result=" + d.digit() + "\n";
    }
    if (key instanceof AgiKey.HangUp) {
      dead = true;
      return "200 result=-1\nHANGUP\n"; // res_agi tells the script of the hang-up on its own line
    }
    return "200 result= (timeout)\n";
  }

  private static String usage() {
    return "520 Invalid command syntax.  Proper usage not available.\n";
  }

  private static double timeoutSeconds(String millis) {
    try {
      return Math.max(0, Long.parseLong(millis)) / 1000.0;
    } catch (NumberFormatException e) {
      return 5;
    }
  }

  /** The command's name, upper case: the first word, or the first two or three for the multi-word ones. */
  private static String verb(List<String> words) {
    if (words.isEmpty()) {
      return "";
    }
    String first = words.get(0).toUpperCase(Locale.ROOT);
    String second = words.size() > 1 ? words.get(1).toUpperCase(Locale.ROOT) : "";
    String third = words.size() > 2 ? words.get(2).toUpperCase(Locale.ROOT) : "";
    if (first.equals("GET") && second.equals("FULL") && third.equals("VARIABLE")) {
      return "GET FULL VARIABLE";
    }
    if (Set.of("GET", "SET", "STREAM", "CHANNEL", "DATABASE", "SAY", "WAIT").contains(first)) {
      return first + " " + second;
    }
    return first;
  }

  /** AGI command words; double-quoted words may hold spaces and backslash escapes. */
  public static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quoted && c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
