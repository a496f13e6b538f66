package dev.attune.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.util.concurrent.TimeUnit;

/**
 * One node on the built-in PBX simulator (real AMI over TCP, no traffic but what a test asks for), with an HTTP
 * helper and a WebSocket client held for the test class's life (Vert.x closes an unreferenced client).
 */
record BuiltInPbxNode(TestCluster cluster, AttuneNode node, Http http, Vertx clientVertx, WebSocketClient client)
    implements AutoCloseable {

  static BuiltInPbxNode start() throws Exception {
    TestCluster cluster = new TestCluster();
    AttuneNode node = cluster.startNode(cluster.withBuiltInPbx());
    Vertx clientVertx = Vertx.vertx();
    return new BuiltInPbxNode(cluster, node, new Http(node.httpPort()), clientVertx, clientVertx.createWebSocketClient());
  }

  Screen screen(String user) throws Exception {
    return Screen.open(client, node, user);
  }

  @Override
  public void close() throws Exception {
    clientVertx.close().await(10, TimeUnit.SECONDS);
    cluster.close();
  }
}
