package dev.attune.assist.alerts;

import com.hazelcast.map.IMap;
import dev.attune.assist.web.KeptRecords;
import dev.attune.core.alerts.KeptAlert;
import dev.attune.core.bus.Alert;
import dev.attune.core.store.EntryUpdate;
import dev.attune.core.store.JsonRows;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts supervisors see, kept so they outlive a reload, a node and a restart: every assist node keeps each alert
 * it hears ({@code putIfAbsent} under the id it was raised with, so N nodes keep it once), and an acknowledgement is
 * an atomic replace, so it happens once and is the same on every node.
 */
public final class AlertBook {
  private static final Logger log = LoggerFactory.getLogger(AlertBook.class);

  private final IMap<String, KeptAlert> map;
  private final KeptRecords<KeptAlert> kept;
  private final Clock clock;

  /** {@code rows} may be null (no database): alerts are then listed from the cluster map. */
  public AlertBook(IMap<String, KeptAlert> map, JsonRows<KeptAlert> rows, Clock clock) {
    this.map = map;
    this.kept = new KeptRecords<>(rows, map, a -> a.alert().at());
    this.clock = clock;
  }

  /** Keeps an alert heard on the bus, once however many nodes heard it. Blocks: call it off the event loop. */
  public void keep(Alert alert) {
    if (alert.id() == null) {
      return; // nothing to acknowledge it by
    }
    try {
      map.putIfAbsent(alert.id(), KeptAlert.of(alert));
    } catch (RuntimeException e) {
      log.warn("alert {} ({}) not kept: {}", alert.id(), alert.kind(), e.toString());
    }
  }

  /** Raised at or after {@code since}, newest first, at most {@code limit}. Blocks. */
  public List<KeptAlert> since(Instant since, int limit) throws Exception {
    return kept.since(since).stream().sorted(Comparator.comparing((KeptAlert a) -> a.alert().at()).reversed()).limit(limit)
        .toList();
  }

  public Optional<KeptAlert> get(String id) {
    return Optional.ofNullable(map.get(id));
  }

  /** Acknowledges it once: empty when it is not known or someone already did (then {@link #get} says who). */
  public Optional<KeptAlert> acknowledge(String id, String by) {
    EntryUpdate.Result<KeptAlert> r = EntryUpdate.apply(map, id,
        current -> current.acknowledged() ? null : current.acknowledge(by, clock.instant()));
    if (!r.changed()) {
      return Optional.empty();
    }
    log.info("alert {} ({}) acknowledged by {}", id, r.value().alert().kind(), by);
    return Optional.of(r.value());
  }
}
