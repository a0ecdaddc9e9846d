package dev.parallax.core.embed;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The shipped embedders by the names the command line uses; see docs/BENCHMARKS.md for their speed and quality. */
public enum EmbedderChoice {
    /** all-MiniLM-L6-v2 float32: the reference; batched as the pipeline embeds (16 texts, 256 padded tokens). */
    MINILM("minilm"),
    /** all-MiniLM-L6-v2 int8 (dynamic quantization), one text per ONNX call so vectors do not depend on the batch. */
    MINILM_Q("minilm-q"),
    /** bge-small-en-v1.5 int8, [CLS] pooling: twice MiniLM's layers; one text per ONNX call, like minilm-q. */
    BGE_Q("bge-q"),
    /** {@link StaticEmbedder}: word-piece vectors distilled from MiniLM, no model at run time. */
    STATIC("static");

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
            case BGE_Q -> OnnxEmbedder.builder().model(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q)
                    .intraOpThreads(intraOpThreads).build();
            case STATIC -> StaticEmbedder.miniLm();
        };
    }
}
