package dev.attune.core.bus;

/**
 * Asks the PBX owner ({@link Addresses#PBX_ACTIONS}, request/reply) to ring {@code agentDevice} (an Asterisk device such
 * as {@code PJSIP/agent101}) and, once they answer, dial {@code customer}; {@code commitmentId} goes along as a
 * channel variable so the answered call keeps the promise. The reply is a {@link CallbackReply}.
 */
public record CallbackRequest(String commitmentId, String agentDevice, String customer) implements BusMessage {

  /** An Asterisk dial string technology/resource, nothing the dialplan could read as options. */
  public boolean validDevice() {
    return agentDevice != null && agentDevice.matches("[A-Za-z]+/[\\w.@-]+");
  }

  public boolean validCustomer() {
    return customer != null && customer.matches("\\+?[0-9]{3,20}");
  }
}
