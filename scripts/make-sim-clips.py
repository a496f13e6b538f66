#!/usr/bin/env python3
"""Regenerates the simulator's speech clips (pbx-simulator/src/main/resources/audio) with espeak-ng.

8 kHz G.711 u-law, the PBX's own format, to keep the repository small. Mandarin uses the cmn-latn-pinyin voice with
pinyin input: Debian's espeak-ng has no hanzi dictionary for cmn (it reads hanzi as English letters).
The "real" clips are LibriVox recordings (public domain) as shipped in Debian's pocketsphinx-testdata (BSD).
Needs: apt-get install espeak-ng pocketsphinx-testdata; Python 3.11 (audioop).
"""
import audioop
import pathlib
import subprocess
import wave
import io

OUT = pathlib.Path(__file__).resolve().parent.parent / "pbx-simulator/src/main/resources/audio"
# name, voice, words per minute, amplitude (espeak 0-200), text
CLIPS = [
    ("agent-en-1", "en-us", 160, 90, "thank you for calling my name is alex how can I help you today"),
    ("agent-en-2", "en-us", 160, 90, "I am sorry about that let me check your account right away"),
    ("agent-en-3", "en-us", 160, 90, "I have found the second charge and I will send the refund today"),
    ("agent-zh-1", "cmn-latn-pinyin", 150, 90, "nin2 hao3 qing3 wen4 you3 shen2 me5 ke3 yi3 bang1 nin2"),
    ("agent-zh-2", "cmn-latn-pinyin", 150, 90, "wo3 ma3 shang4 bang1 nin2 cha2 yi2 xia4 zhang4 dan1"),
    ("customer-en-calm", "en-us", 150, 80, "hi I was charged twice for my internet bill this month"),
    ("customer-en-loud-fast", "en-us", 260, 200, "this is the third time I am calling and nobody has fixed my bill"),
    ("customer-zh-1", "cmn-latn-pinyin", 170, 120, "wo3 de5 zhang4 dan1 you3 wen4 ti2 qing3 bang1 wo3 kan4 yi2 xia4"),
]

for name, voice, wpm, amplitude, text in CLIPS:
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-a", str(amplitude), "-w", "/dev/stdout", text],
                         check=True, capture_output=True).stdout
    with wave.open(io.BytesIO(wav)) as w:
        pcm = w.readframes(w.getnframes())
        rate = w.getframerate()
    pcm8, _ = audioop.ratecv(pcm, 2, 1, rate, 8000, None)
    (OUT / f"{name}.ulaw").write_bytes(audioop.lin2ulaw(pcm8, 2))
    print(name, len(pcm8) // 16, "ms")

LIBRIVOX = pathlib.Path("/usr/share/pocketsphinx/test/data/librivox")
for name, source in [("customer-en-real-1", "sense_and_sensibility_01_austen_64kb-0870.wav"),
                     ("customer-en-real-2", "sense_and_sensibility_01_austen_64kb-0920.wav")]:
    with wave.open(str(LIBRIVOX / source)) as w:
        pcm = w.readframes(w.getnframes())
        rate = w.getframerate()
    pcm8, _ = audioop.ratecv(pcm, 2, 1, rate, 8000, None)
    (OUT / f"{name}.ulaw").write_bytes(audioop.lin2ulaw(pcm8, 2))
    print(name, len(pcm8) // 16, "ms")
