package dev.attune.sim.audio;

import dev.attune.sim.ami.AmiMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulated PBX does with an Originate of {@code AudioSocket/<host:port>/<uuid>} running ChanSpy: like
 * Asterisk, it connects to that address at once, sends the UUID frame, then the spied party's voice in 20 ms slin
 * frames in real time (from {@link Conversation}), and ends the stream when the spied channel hangs up (a hangup
 * frame, then close). Nobody listening gives Asterisk's {@code OriginateResponse} Failure, Reason 8.
 */
public final class AudioTapStreams {
  private static final Logger log = LoggerFactory.getLogger(AudioTapStreams.class);
  private static final Pattern DIAL = Pattern.compile("AudioSocket/([^:/]+):(\\d+)/([0-9a-fA-F-]{36}).*");
  private static final int FRAME_SAMPLES = 160;
  /** A tap outliving its call (a lost Hangup) is closed after this long. */
  private static final long MAX_STREAM_MS = 3_600_000;

  private final Vertx vertx;
  private final Consumer<AmiMessage> emit;
  private final Map<String, Stream> bySpiedUniqueid = new HashMap<>();
  /** One client for every tap, held: Vert.x closes an unreferenced client and its connections at some GC. */
  private NetClient client;

  public AudioTapStreams(Vertx vertx, Consumer<AmiMessage> emit) {
    this.vertx = vertx;
    this.emit = emit;
  }

  /** Handles the Originate; returns the immediate AMI response (the outcome follows as OriginateResponse). */
  public AmiMessage originate(AmiMessage action) {
    String id = action.get("ActionID");
    String channel = String.valueOf(action.get("Channel"));
    String channelId = String.valueOf(action.get("ChannelId"));
    String data = String.valueOf(action.get("Data"));
    Matcher m = DIAL.matcher(channel);
    if (!m.matches() || !"ChanSpy".equalsIgnoreCase(action.get("Application"))) {
      return AmiMessage.response("Error", id).add("Message", "expected AudioSocket/<host:port>/<uuid> running ChanSpy");
    }
    UUID uuid = UUID.fromString(m.group(3));
    String spied = data.split(",")[0];
    boolean agentSide = channelId.startsWith("tap-agent-");
    String linkedid = channelId.replaceFirst("^tap-(agent|customer)-", "");
    if (client == null) {
      client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(2_000));
    }
    client.connect(Integer.parseInt(m.group(2)), m.group(1))
        .onSuccess(socket -> {
          respond(id, channel, data, channelId, true);
          Stream stream = new Stream(socket, uuid, agentSide, new Conversation(linkedid));
          Stream old = bySpiedUniqueid.put(spied, stream);
          if (old != null) {
            old.end();
          }
          stream.begin();
        })
        .onFailure(err -> {
          log.info("tap {} to {}:{} not opened: {}", channelId, m.group(1), m.group(2), err.getMessage());
          respond(id, channel, data, channelId, false);
        });
    return AmiMessage.response("Success", id).add("Message", "Originate successfully queued");
  }

  /** Every event the PBX emits: a spied party hanging up ends its tap, as ChanSpy's E option does. */
  public void observe(AmiMessage event) {
    if ("Hangup".equals(event.get("Event"))) {
      Stream stream = bySpiedUniqueid.remove(String.valueOf(event.get("Uniqueid")));
      if (stream != null) {
        stream.end();
      }
    }
  }

  public void stopAll() {
    bySpiedUniqueid.values().forEach(Stream::end);
    bySpiedUniqueid.clear();
  }

  private void respond(String actionId, String channel, String data, String channelId, boolean ok) {
    emit.accept(AmiMessage.event("OriginateResponse", "call,all")
        .add("Timestamp", String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0))
        .add("ActionID", actionId).add("Response", ok ? "Success" : "Failure").add("Channel", channel)
        .add("Context", "").add("Exten", "").add("Application", "ChanSpy").add("Data", data)
        .add("Reason", ok ? 4 : 8).add("Uniqueid", channelId)
        .add("CallerIDNum", "<unknown>").add("CallerIDName", "<unknown>"));
  }

  /** One tap connection, paced by a 20 ms timer. */
  private final class Stream {
    private final NetSocket socket;
    private final UUID uuid;
    private final boolean agentSide;
    private final Conversation conversation;
    private long timer = -1;
    private long sent;
    private long startedAt;
    private boolean ended;

    Stream(NetSocket socket, UUID uuid, boolean agentSide, Conversation conversation) {
      this.socket = socket;
      this.uuid = uuid;
      this.agentSide = agentSide;
      this.conversation = conversation;
    }

    void begin() {
      socket.closeHandler(v -> stopTimer());
      socket.exceptionHandler(err -> end());
      socket.write(Buffer.buffer(ByteBuffer.allocate(19).put((byte) 0x01).putShort((short) 16)
          .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array()));
      startedAt = System.currentTimeMillis();
      // Asterisk's ChanSpy waits ~100 ms before the first frame; frames then follow the wall clock, not the timer
      timer = vertx.setPeriodic(100, 20, t -> sendDue());
    }

    private void sendDue() {
      long elapsed = System.currentTimeMillis() - startedAt;
      if (elapsed > MAX_STREAM_MS) {
        end();
        return;
      }
      long due = (elapsed - 100) / 20;
      while (sent <= due && !ended) {
        byte[] frame = new byte[3 + FRAME_SAMPLES * 2];
        frame[0] = 0x10;
        frame[1] = (byte) ((FRAME_SAMPLES * 2) >> 8);
        frame[2] = (byte) (FRAME_SAMPLES * 2);
        for (int i = 0; i < FRAME_SAMPLES; i++) {
          short s = conversation.sample(agentSide, sent * FRAME_SAMPLES + i);
          frame[3 + 2 * i] = (byte) s;
          frame[4 + 2 * i] = (byte) (s >> 8);
        }
        socket.write(Buffer.buffer(frame));
        sent++;
      }
    }

    void end() {
      if (ended) {
        return;
      }
      ended = true;
      stopTimer();
      socket.write(Buffer.buffer(new byte[] {0x00, 0x00, 0x00})).eventually(() -> socket.close());
    }

    private void stopTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
