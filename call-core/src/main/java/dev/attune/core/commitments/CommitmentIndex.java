package dev.attune.core.commitments;

import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import dev.attune.core.store.MapNames;
import java.time.Instant;

/**
 * The commitments map's indexes, so a promise lookup costs the promises it finds, not the map: by the customer's
 * number (its last eight digits, which {@link PhoneNumbers#same} numbers always share), by whether a promise is
 * live, by its agent and by its due time. Records are kept as JSON, which Hazelcast cannot read: each index is an
 * attribute worked out from the record by an extractor when it is written.
 */
public final class CommitmentIndex {
  static final String NUMBER_TAIL = "numberTail";
  static final String LIVE = "live";
  static final String STATUS = "statusName";
  static final String AGENT = "agentName";
  static final String DUE_MS = "dueMs";
  /** {@link PhoneNumbers#same} matches numbers on at least this many trailing digits. */
  private static final int TAIL_DIGITS = 8;

  private CommitmentIndex() {}

  /** Adds the attributes and indexes to the commitments map's configuration (merged with its MapStore's). */
  public static void configure(Config config) {
    MapConfig map = config.getMapConfig(MapNames.COMMITMENTS);
    map.addAttributeConfig(new AttributeConfig(NUMBER_TAIL, NumberTail.class.getName()));
    map.addAttributeConfig(new AttributeConfig(LIVE, Live.class.getName()));
    map.addAttributeConfig(new AttributeConfig(STATUS, Status.class.getName()));
    map.addAttributeConfig(new AttributeConfig(AGENT, Agent.class.getName()));
    map.addAttributeConfig(new AttributeConfig(DUE_MS, DueMs.class.getName()));
    map.addIndexConfig(new IndexConfig(IndexType.HASH, NUMBER_TAIL));
    map.addIndexConfig(new IndexConfig(IndexType.HASH, STATUS));
    map.addIndexConfig(new IndexConfig(IndexType.HASH, AGENT));
    map.addIndexConfig(new IndexConfig(IndexType.SORTED, DUE_MS));
  }

  /** Promises that may be to {@code number} (same trailing digits): filter with {@link PhoneNumbers#same}. */
  public static Predicate<String, Commitment> toNumber(String number) {
    return Predicates.equal(NUMBER_TAIL, tail(number));
  }

  /** Live promises (open or overdue) that may be to {@code number}. */
  public static Predicate<String, Commitment> liveTo(String number) {
    return Predicates.and(toNumber(number), Predicates.equal(LIVE, true));
  }

  /** Promises in {@code status}. */
  public static Predicate<String, Commitment> inStatus(CommitmentStatus status) {
    return Predicates.equal(STATUS, status.name());
  }

  /** Promises of {@code agent}. */
  public static Predicate<String, Commitment> ofAgent(String agent) {
    return Predicates.equal(AGENT, agent);
  }

  /** Open promises due by {@code by} (a reminder or an escalation may be due on them). */
  public static Predicate<String, Commitment> openDueBy(Instant by) {
    return Predicates.and(inStatus(CommitmentStatus.OPEN), Predicates.lessEqual(DUE_MS, by.toEpochMilli()));
  }

  /** The digits {@link PhoneNumbers#same} compares, leading zeros off, the last {@value #TAIL_DIGITS} of them. */
  static String tail(String number) {
    String digits = number == null ? "" : number.replaceAll("\\D", "").replaceFirst("^0+", "");
    return digits.length() <= TAIL_DIGITS ? digits : digits.substring(digits.length() - TAIL_DIGITS);
  }

  public static final class NumberTail implements ValueExtractor<Commitment, Object> {
    @Override
    public void extract(Commitment c, Object argument, ValueCollector collector) {
      collector.addObject(tail(c.customerNumber()));
    }
  }

  public static final class Live implements ValueExtractor<Commitment, Object> {
    @Override
    public void extract(Commitment c, Object argument, ValueCollector collector) {
      collector.addObject(c.status() != null && c.status().live());
    }
  }

  public static final class Status implements ValueExtractor<Commitment, Object> {
    @Override
    public void extract(Commitment c, Object argument, ValueCollector collector) {
      collector.addObject(c.status() == null ? "" : c.status().name());
    }
  }

  public static final class Agent implements ValueExtractor<Commitment, Object> {
    @Override
    public void extract(Commitment c, Object argument, ValueCollector collector) {
      collector.addObject(c.agent() == null ? "" : c.agent());
    }
  }

  public static final class DueMs implements ValueExtractor<Commitment, Object> {
    @Override
    public void extract(Commitment c, Object argument, ValueCollector collector) {
      collector.addObject(c.dueAt() == null ? Long.MAX_VALUE : c.dueAt().toEpochMilli());
    }
  }
}
