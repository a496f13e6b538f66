package dev.attune.assist.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

/**
 * The open promises made to a customer, for the customer panel (the commitments capability provides it;
 * until then the panel shows none). Must not block the event loop.
 */
@FunctionalInterface
public interface OpenPromises {
  OpenPromises NONE = number -> Future.succeededFuture(new JsonArray());

  Future<JsonArray> forCustomer(String number);
}
