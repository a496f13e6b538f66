package dev.attune.app;

import dev.attune.core.bus.CallbackRequest;
import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Calls on a node's built-in PBX ({@link TestCluster#withBuiltInPbx}), placed through the bridge's AMI owner. */
final class PbxCalls {
  private PbxCalls() {}

  /**
   * Rings {@code agent} and then {@code customer} (the agent-first Originate the callback button uses) and returns
   * the call once it is answered, as the agent's {@code GET /api/calls} shows it. The PBX talks 10..40 s.
   */
  static JsonObject answered(AttuneNode node, String agentToken, String agent, String customer) throws Exception {
    Bus.request(node.vertx(), Addresses.PBX_ACTIONS, new CallbackRequest(null, agent, customer), CallbackReply.class,
        Duration.ofSeconds(10)).await(10, TimeUnit.SECONDS);
    Http http = new Http(node.httpPort());
    JsonArray calls = Eventually.await(agent + "'s answered call", Duration.ofSeconds(20),
        () -> http.get("/api/calls", agentToken).array(),
        l -> l.size() == 1 && "ANSWERED".equals(l.getJsonObject(0).getString("state")));
    return calls.getJsonObject(0);
  }
}
