package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

import dev.attune.core.calls.Party;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The categories a pack may define and what each one is: its kind, who says it, whether text sets it off, and the
 * figures its rule needs (with their valid ranges). The rules in Java know these names; a centre can add its own
 * phrase-only categories as {@code custom.<name>} (with {@code kind} and {@code party}). Anything else in a pack is
 * a mistake and is reported with its line.
 */
record CategorySchema(String name, GuidanceItem.Kind kind, PartySpec party, boolean textual, List<Figure> figures) {

  /** Who says a category's words: one party, either (checklist.confirmed), or nobody (speech rules). */
  enum PartySpec {
    AGENT, CUSTOMER, EITHER, NONE;

    Party party() {
      return this == AGENT ? Party.AGENT : this == CUSTOMER ? Party.CUSTOMER : null;
    }
  }

  record Figure(String key, double min, double max) {}

  static final String CUSTOM_PREFIX = "custom.";

  /** Every built-in category by name, in the order packs list them. */
  static final Map<String, CategorySchema> KNOWN;

  private static final Map<String, CategorySchema> BUILDING = new LinkedHashMap<>();

  private static void known(String name, GuidanceItem.Kind kind, PartySpec party, boolean textual, Figure... figures) {
    BUILDING.put(name, new CategorySchema(name, kind, party, textual, List.of(figures)));
  }

  static {
    GuidanceItem.Kind wording = GuidanceItem.Kind.WORDING;
    GuidanceItem.Kind tone = GuidanceItem.Kind.TONE;
    GuidanceItem.Kind pace = GuidanceItem.Kind.PACE;
    GuidanceItem.Kind checklist = GuidanceItem.Kind.CHECKLIST;
    known("arguing", wording, PartySpec.AGENT, true);
    known("blame", wording, PartySpec.AGENT, true);
    known("assumption", wording, PartySpec.AGENT, true);
    known("jargon", wording, PartySpec.AGENT, true);
    known("overpromise", wording, PartySpec.AGENT, true);
    known("blunt_no", wording, PartySpec.AGENT, true);
    known("calm_down", wording, PartySpec.AGENT, true);
    known("dismissive", wording, PartySpec.AGENT, true);
    known("apology_repeat", wording, PartySpec.AGENT, true,
        new Figure("count", 2, 20), new Figure("windowSeconds", 5, 600));
    known("customer_anger", tone, PartySpec.CUSTOMER, true,
        new Figure("loudnessDb", 1, 30), new Figure("pitchRise", 0.01, 2), new Figure("windows", 1, 30),
        new Figure("memorySeconds", 5, 600));
    known("escalation", tone, PartySpec.CUSTOMER, true);
    known("escalation_public", tone, PartySpec.CUSTOMER, true);
    known("complaint", checklist, PartySpec.CUSTOMER, true);
    // what kind of complaint (seed 000): no card, they only inform the complaint record drafted at wrap-up
    known("complaint.product_quality", checklist, PartySpec.CUSTOMER, true);
    known("complaint.transaction_process", checklist, PartySpec.CUSTOMER, true);
    known("complaint.communication_conflict", checklist, PartySpec.CUSTOMER, true);
    known("complaint.service_standard", checklist, PartySpec.CUSTOMER, true);
    known("checklist.listened", checklist, PartySpec.AGENT, true,
        new Figure("maxAgentShare", 0.05, 0.9), new Figure("minSeconds", 5, 600));
    known("checklist.empathized", checklist, PartySpec.AGENT, true);
    known("checklist.asked", checklist, PartySpec.AGENT, true);
    known("checklist.offered", checklist, PartySpec.AGENT, true);
    known("checklist.confirmed", checklist, PartySpec.EITHER, true);
    known("checklist.followup", checklist, PartySpec.AGENT, true);
    known("agent_escalating", tone, PartySpec.NONE, false,
        new Figure("loudnessDb", 1, 30), new Figure("rateRise", 0.01, 2));
    known("pace_mismatch", pace, PartySpec.NONE, false,
        new Figure("ratio", 1.05, 5), new Figure("windowSeconds", 5, 300), new Figure("minVoicedWindows", 1, 300));
    known("talk_share", pace, PartySpec.NONE, false,
        new Figure("maxShare", 0.1, 0.95), new Figure("minSeconds", 5, 3600));
    known("interruption", pace, PartySpec.NONE, false, new Figure("overlapMs", 100, 5000));
    known("dead_air", pace, PartySpec.NONE, false, new Figure("seconds", 2, 600));
    known("long_hold", pace, PartySpec.NONE, false, new Figure("seconds", 5, 3600));
    KNOWN = Collections.unmodifiableMap(BUILDING);
  }
}
