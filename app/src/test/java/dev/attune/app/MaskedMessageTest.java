package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedMessageTest {
  @Test
  void phoneNumbersKeepTheirLastFourDigits() {
    assertThat(MaskedMessage.mask("call=pbx:1795407672.0 ended caller=+15551230001 queue=support"))
        .isEqualTo("call=pbx:1795407672.0 ended caller=+*******0001 queue=support");
    assertThat(MaskedMessage.mask("customer=13812345678 commitment=c-1")).isEqualTo("customer=*******5678 commitment=c-1");
    assertThat(MaskedMessage.mask("callback to 02161234567, then +8613812345678"))
        .isEqualTo("callback to *******4567, then +*********5678");
  }

  @Test
  void idsDevicesPortsAndDecimalsStayReadable() {
    String text = "agent=PJSIP/agent101 device=PJSIP/1002 uniqueid=1795407672.12 port=5038 wait=12.5s "
        + "id=8c5e2f10-1234567 at 2026-12-03T09:00:00Z took 1234 ms";
    assertThat(MaskedMessage.mask(text)).isEqualTo(text);
  }
}
