package dev.attune.assist.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.Party;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentence model beside the rules, on a small pack of its own (the shipped packs' figures are
 * {@link SemanticRecallScoreTest}'s): what it recalls, with what evidence, and every guard the rules have.
 */
class SemanticRecallTest {
  @TempDir
  static Path dir;
  private static SemanticRecall recall;

  @BeforeAll
  static void packs() throws Exception {
    Files.writeString(dir.resolve("en.yaml"), """
        language: en
        matching:
          gap: 3
          fuzzy: false
          negation: {window: 2, cues: [not, cant, never]}
          quotation: {window: 8, cues: [said, "told me"]}
          ordinary: ["Could I take your postcode, please?", "Thank you for calling, have a lovely day.",
                     "Let me pull up your account.", "Is there anything else I can help with?",
                     "Yes, that's my address."]
        categories:
          blame:
            severity: WARNING
            why: "Shifting blame leaves the customer alone with it."
            better: "Let me sort this out for you."
            phrases: ["not my department"]
            unless: ["ill chase"]
            confidence: 0.6
            examples: ["That's the bank's problem, not ours.", "You'll have to take that up with the courier."]
            nearMisses: ["None of this is your fault.", "This is not on you at all."]
          overpromise:
            severity: WARNING
            why: "A promise you cannot keep."
            better: "I'll push for the earliest date I can."
            phrases: ["guarantee*"]
            negatable: true
            confidence: 0.6
            examples: ["I promise it will be fixed by tonight.", "It will definitely arrive tomorrow."]
            nearMisses: ["I can't promise it will be fixed tonight, but I'll push for it."]
          customer_anger:
            severity: WARNING
            why: "The customer is angry."
            better: "Acknowledge it first."
            phrases: ["ridiculous"]
            loudnessDb: 6
            pitchRise: 0.15
            windows: 3
            memorySeconds: 60
            confidence: 0.6
            examples: ["You people are completely useless.", "I am absolutely fed up with this company."]
        """);
    Files.writeString(dir.resolve("zh.yaml"), """
        language: zh
        matching:
          gap: 3
          fuzzy: false
          negation: {window: 2, cues: [不, 没]}
          quotation: {window: 8, cues: [说过]}
          ordinary: ["您好，请问有什么可以帮您？", "请问您的手机号是多少？", "好的，我帮您查一下。", "还有其他问题吗？",
                     "对，是我本人。"]
        categories:
          blame:
            severity: WARNING
            why: "推卸责任让客户独自面对问题。"
            better: "我来帮您处理。"
            phrases: ["不归我管"]
            confidence: 0.6
            examples: ["这是快递公司的问题，您去找他们吧。", "这是银行那边的事，跟我们没关系。"]
            nearMisses: ["这真的不怪您。", "我帮您联系快递公司。"]
        """);
    RulePacks packs = RulePacks.load(dir);
    recall = new SemanticRecall(() -> packs, SentenceModel::bgeSmallShared);
  }

  @Test
  void aParaphraseNoPhraseForesawIsRecalledWithTheExampleItCameCloseTo() {
    List<Finding> found = recall.findings("Honestly that one is the courier's problem, not ours.", Party.AGENT, "en");
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.category()).isEqualTo("blame");
      assertThat(f.evidence()).startsWith("close to: “").endsWith("”");
      assertThat(f.message()).isEqualTo("Shifting blame leaves the customer alone with it.");
    });
  }

  @Test
  void whatThePhraseRulesFoundIsNotRecalledAgain() {
    assertThat(recall.findings("That's not my department, that's the bank's problem.", Party.AGENT, "en")).isEmpty();
  }

  @Test
  void aCloserNearMissOrOrdinaryLineCancelsTheMatch() {
    assertThat(recall.findings("None of this is on you, honestly.", Party.AGENT, "en")).isEmpty();
    assertThat(recall.findings("Could I take your postcode please?", Party.AGENT, "en")).isEmpty();
  }

  @Test
  void theRulesGuardsHoldForTheModel() {
    String blame = "Honestly that one is the courier's problem, not ours.";
    assertThat(recall.findings(blame, Party.CUSTOMER, "en")).as("agent wording from the customer").isEmpty();
    assertThat(recall.findings("You said \"that one is the courier's problem, not ours\"?", Party.AGENT, "en"))
        .as("quoted").isEmpty();
    assertThat(recall.findings(blame + " But ill chase them for you today.", Party.AGENT, "en"))
        .as("an unless phrase").isEmpty();
    assertThat(recall.findings("I promise it'll be fixed by this evening.", Party.AGENT, "en"))
        .extracting(Finding::category).containsExactly("overpromise");
    assertThat(recall.findings("I can't guarantee it'll be fixed by this evening.", Party.AGENT, "en"))
        .as("the rules' phrase there, negated: the rules decided").isEmpty();
    assertThat(recall.findings("I can't promise it'll be fixed by this evening.", Party.AGENT, "en"))
        .as("closer to the negated near miss").isEmpty();
    assertThat(recall.findings("You lot are totally useless.", Party.CUSTOMER, "en"))
        .extracting(Finding::category).containsExactly("customer_anger");
  }

  @Test
  void chineseIsReadWithTheChinesePacksExamplesAndModel() {
    assertThat(recall.findings("这是快递那边的问题，您找快递公司吧。", Party.AGENT, null)).singleElement()
        .satisfies(f -> {
          assertThat(f.category()).isEqualTo("blame");
          assertThat(f.evidence()).startsWith("接近：“");
        });
    assertThat(recall.findings("我帮您查一下订单。", Party.AGENT, "zh")).isEmpty();
  }

  @Test
  void eachSentenceOfALongerUtteranceIsComparedOnItsOwn() {
    String text = "Right, I've pulled up the order from last Tuesday and the tracking shows the van left the depot"
        + " on time. So that one is the courier's problem, not ours.";
    assertThat(recall.findings(text, Party.AGENT, "en")).extracting(Finding::category).containsExactly("blame");
  }
}
