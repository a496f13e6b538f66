package dev.attune.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds the one embedded Hazelcast member a node runs. The same member carries Vert.x's clustered event bus
 * ({@code new HazelcastClusterManager(instance)}) and our maps, so the {@code __vertx.*} structures
 * and the {@code __vertx.nodeId} attribute Vert.x requires are configured here.
 */
public final class HazelcastNode {
  private HazelcastNode() {}

  /** The member configuration; {@code customize} lets the store layer add MapStores before start. */
  public static Config config(AttuneConfig.Cluster cluster, Consumer<Config> customize) {
    Config config = new Config();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // Vert.x must close before Hazelcast
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    // A host lost without a word (power, a cable, a frozen VM) keeps its sockets open: only missing heartbeats tell.
    // The deadline detector: a fixed bound an operator can reason about (cluster.failureDetectionSeconds), where
    // phi-accrual on a quiet LAN learns a tiny jitter and would suspect a member at its first long GC pause.
    config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.failureDetectionSeconds()));
    // After a partition heals, the sides look for each other and merge (the smaller into the larger) this soon, not
    // after Hazelcast's default five minutes of a floor split in two.
    String merge = String.valueOf(2 * cluster.failureDetectionSeconds());
    config.setProperty("hazelcast.merge.first.run.delay.seconds", merge);
    config.setProperty("hazelcast.merge.next.run.delay.seconds", merge);
    config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(20);
    network.getInterfaces().setEnabled(true).addInterface(cluster.host());
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    // Listen on cluster.host only: Hazelcast binds every interface by default, which put the demo's cluster port
    // (and every map in it) on the network although the configuration names loopback.
    config.setProperty("hazelcast.socket.bind.any", "false");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    // no members listed: a cluster of one, which looks for no one but itself (a bare host would have it probe the
    // ports next to its own and wait for minutes on another cluster's member there)
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members().isEmpty()
        ? java.util.List.of(cluster.host() + ":" + cluster.port()) : cluster.members());

    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig(MapNames.LIVE_CALLS).setBackupCount(1));
    config.addMapConfig(new MapConfig(MapNames.CHANNEL_INDEX).setBackupCount(1));
    // a tap's entry is read once, when its stream connects (ms after the put): the TTL only sweeps up after an owner
    // that died before CallEnded
    config.addMapConfig(new MapConfig(MapNames.AUDIO_TAPS).setBackupCount(1).setTimeToLiveSeconds(3600));
    config.addMapConfig(new MapConfig(MapNames.AGENT_STATUS).setBackupCount(1));
    config.addMapConfig(new MapConfig(MapNames.QUEUE_TRENDS).setBackupCount(1));
    config.addMapConfig(new MapConfig(MapNames.SURVEYS).setBackupCount(1).setTimeToLiveSeconds(24 * 3600));
    registerRecord(config, LiveCall.class, 1001);
    registerRecord(config, CallRecord.class, 1002);
    registerRecord(config, CustomerProfile.class, 1003);
    registerRecord(config, AudioTap.class, 1004);
    registerRecord(config, dev.attune.core.commitments.Commitment.class, 1005);
    registerRecord(config, dev.attune.core.guidance.ShownCard.class, 1006);
    registerRecord(config, dev.attune.core.calls.ProfileChange.class, 1007);
    registerRecord(config, dev.attune.core.calls.SurveyResult.class, 1008);
    registerRecord(config, dev.attune.core.complaints.Complaint.class, 1009);
    registerRecord(config, dev.attune.core.alerts.KeptAlert.class, 1010);
    registerRecord(config, dev.attune.core.supervision.SupervisionUse.class, 1011);
    registerRecord(config, dev.attune.core.bus.AgentStatus.class, 1012);
    registerRecord(config, dev.attune.core.calls.QueueTrend.class, 1013);
    dev.attune.core.commitments.CommitmentIndex.configure(config);
    ClusterQuorum.configure(config, cluster.minimumMembers(), cluster.failureDetectionSeconds());
    customize.accept(config);
    return config;
  }

  /**
   * Lets Hazelcast store a record of ours as JSON ({@link JsonRecordSerializer}). Type ids must be unique and
   * stable across versions: core uses 1001-1099, agent-assist 1100-1199, telephony-bridge 1200-1299.
   */
  public static <T> void registerRecord(Config config, Class<T> type, int typeId) {
    config.getSerializationConfig().addSerializerConfig(new SerializerConfig()
        .setTypeClass(type).setImplementation(new JsonRecordSerializer<>(type, typeId)));
  }

  public static HazelcastInstance start(Config config) {
    return Hazelcast.newHazelcastInstance(config);
  }
}
