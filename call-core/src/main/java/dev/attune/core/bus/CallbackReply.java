package dev.attune.core.bus;

/** What the PBX said to a {@link CallbackRequest}: {@code queued} when Asterisk accepted the Originate. */
public record CallbackReply(boolean queued, String pbxMessage) implements BusMessage {}
