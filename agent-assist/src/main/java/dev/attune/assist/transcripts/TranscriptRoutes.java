package dev.attune.assist.transcripts;

import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.LiveFeed;
import dev.attune.assist.web.RequestRate;
import dev.attune.assist.web.Viewer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/calls/{id}/transcript} and the same as a WebSocket frame
 * {@code {"type":"transcript","callId":...,"segment":{...}}}, answered with {@code transcript-accepted} or
 * {@code error} on that socket only.
 */
public final class TranscriptRoutes implements ApiRoutes {
  private final TranscriptIntake intake;
  private final RequestRate rate;

  /** Each sender is held to {@code rate}, over HTTP and the WebSocket alike. */
  public TranscriptRoutes(TranscriptIntake intake, RequestRate rate) {
    this.intake = intake;
    this.rate = rate;
  }

  @Override
  public void mount(Router api) {
    api.post("/calls/:id/transcript").handler(this::post);
  }

  /** Registers the WebSocket frame type on the node's feed. */
  public void listenOn(LiveFeed feed) {
    feed.onInbound("transcript", (viewer, message, reply) -> {
      Object callId = message.getValue("callId");
      Object segment = message.getValue("segment");
      if (!(callId instanceof String id) || id.isBlank() || !(segment instanceof JsonObject body)) {
        intake.refusedUnread();
        reply.accept(error(message, "a transcript frame needs callId and segment {party, text, ...}"));
        return;
      }
      try {
        rate.take(viewer.username());
      } catch (ApiError tooMany) {
        reply.accept(error(message, tooMany.getMessage()).put("retryAfter", tooMany.retryAfterSeconds()));
        return;
      }
      intake.accept(viewer, id, body).onComplete(done -> reply.accept(done.succeeded()
          ? new JsonObject().put("type", "transcript-accepted").put("callId", id).put("ref", message.getValue("ref"))
          : error(message, done.cause().getMessage())));
    });
  }

  private void post(RoutingContext ctx) {
    rate.take(Viewer.of(ctx).username());
    JsonObject body;
    try {
      body = JsonBody.of(ctx, "{party, text, startMs, endMs, final, lang}");
    } catch (ApiError notASegment) {
      intake.refusedUnread();
      throw notASegment;
    }
    intake.accept(Viewer.of(ctx), ctx.pathParam("id"), body)
        .onSuccess(heard -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("accepted", true).put("callId", heard.segment().callId())
                .put("final", heard.segment().isFinal()).encode()))
        .onFailure(ctx::fail);
  }

  private static JsonObject error(JsonObject message, String why) {
    return new JsonObject().put("type", "error").put("message", why).put("ref", message.getValue("ref"));
  }
}
