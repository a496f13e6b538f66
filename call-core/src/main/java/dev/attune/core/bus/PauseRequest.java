package dev.attune.core.bus;

/**
 * Asks the PBX owner ({@link Addresses#PBX_PAUSE}, request/reply) to pause an agent in every queue with a reason, or
 * to take them back (AMI {@code QueuePause}). The reply is a {@link CallbackReply}: whether Asterisk did.
 */
public record PauseRequest(String agentDevice, boolean paused, String reason) implements BusMessage {

  /** An Asterisk interface technology/resource, nothing the PBX could read as more. */
  public boolean validDevice() {
    return agentDevice != null && agentDevice.matches("[A-Za-z]+/[\\w.@-]+");
  }

  @Override
  public String agent() {
    return agentDevice;
  }
}
