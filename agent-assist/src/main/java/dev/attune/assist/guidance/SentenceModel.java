package dev.attune.assist.guidance;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One language's sentence-embedding model: text to a unit vector, so a dot product is the cosine similarity.
 * Thread-safe (ONNX Runtime sessions are); the workers of {@link RecallWorkers} share one per language.
 */
public interface SentenceModel {
  float[] vector(String text);

  /**
   * The vector of a pack's example sentence: kept, because every node of a JVM and every reload of a pack asks for
   * the same few hundred again. Utterances go through {@link #vector}, which keeps nothing.
   */
  default float[] exampleVector(String sentence) {
    return vector(sentence);
  }

  /** The quantized BGE small v1.5 models shipped in the langchain4j jars, by pack language; none for others. */
  Map<String, String> BGE_SMALL = Map.of("en", "bge-small-en-v1.5-q", "zh", "bge-small-zh-v1.5-q");

  /**
   * BGE small by language, loaded once per JVM on first use and shared by every node in it (a model is read-only
   * and thread-safe: tests that start several nodes in one JVM load each model once); null for a language without
   * one.
   */
  static SentenceModel bgeSmallShared(String language) {
    return Bge.LOADED.computeIfAbsent(language, l -> Optional.ofNullable(bgeSmall(l))).orElse(null);
  }

  /** BGE small for the language, or null if none is shipped for it. Costs about a second and 60 MB each. */
  static SentenceModel bgeSmall(String language) {
    String name = BGE_SMALL.get(language);
    return name == null ? null : new Bge(name);
  }

  /**
   * One model loaded from its jar with a session of one thread: parallelism comes from the worker pool, so a node
   * with N workers uses N cores at most and a benchmark per worker measures one core. (The jar's own model class
   * would open a second session with every core at class load.)
   */
  final class Bge extends AbstractInProcessEmbeddingModel implements SentenceModel {
    private static final Map<String, Optional<SentenceModel>> LOADED = new ConcurrentHashMap<>();
    private final OnnxBertBiEncoder encoder;
    private final Map<String, float[]> examples = new ConcurrentHashMap<>();

    private Bge(String name) {
      super(Runnable::run); // batches are not used: one utterance at a time, on the caller's worker
      try (InputStream model = resource(name + ".onnx"); InputStream tokenizer = resource(name + "-tokenizer.json");
           OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.encoder = new OnnxBertBiEncoder(env, env.createSession(model.readAllBytes(), options), tokenizer,
            PoolingMode.CLS);
      } catch (IOException e) {
        throw new UncheckedIOException("sentence model " + name + " could not be read from its jar", e);
      } catch (OrtException e) {
        throw new IllegalStateException("sentence model " + name + " could not be loaded: " + e.getMessage(), e);
      }
    }

    private static InputStream resource(String name) {
      InputStream in = Bge.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IllegalStateException("sentence model file " + name + " is not on the class path");
      }
      return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    public float[] vector(String text) {
      return embed(text).content().vector();
    }

    @Override
    public float[] exampleVector(String sentence) {
      return examples.computeIfAbsent(sentence, this::vector);
    }
  }
}
