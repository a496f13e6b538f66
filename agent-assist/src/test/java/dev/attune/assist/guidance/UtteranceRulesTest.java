package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.Party;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UtteranceRulesTest {
  private static UtteranceRules rules;

  @BeforeAll
  static void load() throws Exception {
    rules = new UtteranceRules(RulePacks.load(GuidanceFixtureScoreTest.PACKS));
  }

  @Test
  void aFindingCarriesTheWhyTheBetterPhrasingAndTheWordsHeard() {
    assertThat(rules.check("Honestly, I guarantee it'll work.", Party.AGENT, "en")).singleElement()
        .satisfies(f -> {
          assertThat(f.kind()).isEqualTo(GuidanceItem.Kind.WORDING);
          assertThat(f.category()).isEqualTo("overpromise");
          assertThat(f.severity()).isEqualTo(GuidanceItem.Severity.WARNING);
          assertThat(f.message()).isNotBlank();
          assertThat(f.suggestion()).isNotBlank();
          assertThat(f.evidence()).isEqualTo("guarantee");
        });
  }

  @Test
  void aNegationJustBeforeCancelsButOneInAnotherClauseDoesNot() {
    assertThat(categories("I can't guarantee that.", Party.AGENT)).isEmpty();
    assertThat(categories("不能保证", Party.AGENT)).isEmpty();
    assertThat(categories("No, I guarantee it will be fixed today.", Party.AGENT)).contains("overpromise");
  }

  @Test
  void aNegationDoesNotReachPastANewSubject() {
    assertThat(categories("If this isn't sorted I'm cancelling everything.", Party.CUSTOMER)).contains("escalation");
    assertThat(categories("不解决我就去12315", Party.CUSTOMER)).contains("escalation_public");
    assertThat(categories("I'm not cancelling everything.", Party.CUSTOMER)).doesNotContain("escalation");
  }

  @Test
  void quotedAndReportedWordsAreNotTheAgentsOwn() {
    assertThat(categories("You said the agent told you to \"calm down\"?", Party.AGENT)).isEmpty();
    assertThat(categories("He said it's not my department, I'll sort it.", Party.AGENT)).isEmpty();
    assertThat(categories("您说上个客服让您「冷静」？", Party.AGENT)).isEmpty();
  }

  @Test
  void agentWordingRulesIgnoreTheCustomerAndCustomerCuesIgnoreTheAgent() {
    assertThat(categories("calm down", Party.CUSTOMER)).isEmpty();
    assertThat(categories("this is ridiculous", Party.AGENT)).isEmpty();
    assertThat(categories("this is ridiculous", Party.CUSTOMER)).containsExactly("customer_anger");
  }

  @Test
  void withoutALanguageChineseTextUsesTheChinesePackAndMixedTextUsesBoth() {
    assertThat(categories("这个不归我管", Party.AGENT)).containsExactly("blame");
    assertThat(categories("不归我管, and I guarantee nothing else will help", Party.AGENT))
        .containsExactlyInAnyOrder("blame", "overpromise");
  }

  @Test
  void englishMatchesWholeWordsAndChineseMatchesInsideText() {
    assertThat(categories("Your slate case and the translated manual.", Party.AGENT)).isEmpty();
    assertThat(categories("我们按SLA处理", Party.AGENT)).containsExactly("jargon");
    assertThat(categories("订单号3150021", Party.CUSTOMER)).isEmpty();
  }

  @Test
  void asrStyleTextWithoutPunctuationOrWithTyposIsStillCaught() {
    assertThat(categories("NOT MY DEPATMENT SORRY", Party.AGENT)).containsExactly("blame");
    assertThat(categories("i gaurantee its fixed", Party.AGENT)).containsExactly("overpromise");
    assertThat(categories("我打１２３１５", Party.CUSTOMER)).contains("escalation_public");
  }

  @Test
  void threeApologiesInOneUtteranceAreARepeatOneIsNot() {
    assertThat(categories("Sorry, so sorry, my apologies.", Party.AGENT)).containsExactly("apology_repeat");
    assertThat(categories("Sorry about that.", Party.AGENT)).isEmpty();
  }

  @Test
  void checklistCuesAreSeparateFromGuidance() {
    assertThat(rules.check("I'm sorry to hear that. What I can do is send a new one.", Party.AGENT, "en")).isEmpty();
    assertThat(rules.checklistCues("I'm sorry to hear that. What I can do is send a new one.", Party.AGENT, "en"))
        .extracting(Finding::category).containsExactly("checklist.empathized", "checklist.offered");
  }

  @Test
  void emptyTextFindsNothing() {
    assertThat(rules.check("", Party.AGENT, null)).isEmpty();
    assertThat(rules.check(null, Party.AGENT, null)).isEmpty();
    assertThat(rules.check("...!?", Party.CUSTOMER, "zh")).isEmpty();
  }

  private static List<String> categories(String text, Party party) {
    return rules.check(text, party, null).stream().map(Finding::category).toList();
  }
}
