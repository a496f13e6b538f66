package dev.attune.core.bus;

/**
 * Asks the PBX owner ({@link Addresses#PBX_SPY}, request/reply) to ring a supervisor's own phone and join it to the
 * agent's side of a live call with {@code ChanSpy}: listen, whisper (the agent hears the supervisor, the customer
 * does not) or barge (both hear). The reply is a {@link CallbackReply}: whether Asterisk queued the Originate.
 */
public record SpyRequest(String callId, String supervisor, String supervisorDevice, Mode mode) implements BusMessage {

  /** ChanSpy's options per mode: q = no beep, w = whisper, B = barge. */
  public enum Mode {
    LISTEN("q"), WHISPER("qw"), BARGE("qB");

    private final String options;

    Mode(String options) {
      this.options = options;
    }

    public String options() {
      return options;
    }
  }

  /** An Asterisk dial string technology/resource, nothing the dialplan could read as options. */
  public boolean validDevice() {
    return supervisorDevice != null && supervisorDevice.matches("[A-Za-z]+/[\\w.@-]+");
  }

  @Override
  public String callId() {
    return callId;
  }
}
