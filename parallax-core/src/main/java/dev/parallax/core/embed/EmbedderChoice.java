package dev.parallax.core.embed;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The shipped embedders by the names the command line uses; see docs/BENCHMARKS.md for their speed and quality. */
public enum EmbedderChoice {
    /** all-MiniLM-L6-v2 float32: the reference; batched as the pipeline embeds (16 texts, 256 padded tokens). */
    MINILM("minilm"),
    /** all-MiniLM-L6-v2 int8 (dynamic quantization), one text per ONNX call so vectors do not depend on the batch. */
    MINILM_Q("minilm-q"),
    /**
     * all-MiniLM-L6-v2 int8 with the bi-encoder delta {@value #CLAIMS_DELTA} merged in (its weights requantized as
     * minilm-q's were made): fine-tuned on STS-B train pairs so that the cosine of two sentences tells whether they
     * state one claim (parallax-train's {@code BiEncoderTraining}, run s1 of docs/pairs-results.md, round
     * h37-units-ft; not the brief's default). One text per ONNX call, like minilm-q.
     */
    MINILM_CLAIMS_Q("minilm-claims-q"),
    /** The same delta on float32 all-MiniLM-L6-v2 (the form it was trained in), one text per call. */
    MINILM_CLAIMS("minilm-claims"),
    /** bge-small-en-v1.5 int8, [CLS] pooling: twice MiniLM's layers; one text per ONNX call, like minilm-q. */
    BGE_Q("bge-q"),
    /** {@link StaticEmbedder}: word-piece vectors trained to give minilm-q's vectors, no model at run time. */
    STATIC("static");

    /** Classpath resource of {@link #MINILM_CLAIMS}'s delta. */
    public static final String CLAIMS_DELTA = "/dev/parallax/core/embed/minilm-claims.bin";

    private final String label;

    EmbedderChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The choice called {@code name}; an unknown name fails with the list of valid ones. */
    public static EmbedderChoice named(String name) {
        for (EmbedderChoice c : values()) {
            if (c.label.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown embedder \"" + name + "\"; choose one of "
                + Arrays.stream(values()).map(EmbedderChoice::label).collect(Collectors.joining(", ")));
    }

    /**
     * Loads the embedder; ONNX models run each call on {@code intraOpThreads} threads (1 when callers already run in
     * parallel). Close it when done.
     */
    public Embedder open(int intraOpThreads) {
        return switch (this) {
            case MINILM -> OnnxEmbedder.builder().intraOpThreads(intraOpThreads).batchSize(16)
                    .batchTokens(256).build();
            case MINILM_Q -> OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q)
                    .intraOpThreads(intraOpThreads).build();
            case MINILM_CLAIMS_Q -> OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q)
                    .adapted(label, MiniLmDelta.resource(CLAIMS_DELTA)).intraOpThreads(intraOpThreads).build();
            case MINILM_CLAIMS -> OnnxEmbedder.builder().adapted(label, MiniLmDelta.resource(CLAIMS_DELTA))
                    .batchSize(1).intraOpThreads(intraOpThreads).build();
            case BGE_Q -> OnnxEmbedder.builder().model(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q)
                    .intraOpThreads(intraOpThreads).build();
            case STATIC -> StaticEmbedder.miniLm();
        };
    }
}
