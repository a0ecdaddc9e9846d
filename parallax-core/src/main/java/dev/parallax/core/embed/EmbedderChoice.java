package dev.parallax.core.embed;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The shipped embedders by the names the command line uses; see docs/BENCHMARKS.md for their speed and quality. */
public enum EmbedderChoice {
    /** all-MiniLM-L6-v2 float32: the reference; batched as the pipeline embeds (16 texts, 256 padded tokens). */
    MINILM("minilm", "all-MiniLM-L6-v2"),
    /** all-MiniLM-L6-v2 int8 (dynamic quantization), one text per ONNX call so vectors do not depend on the batch. */
    MINILM_Q("minilm-q", "all-MiniLM-L6-v2-q"),
    /** bge-small-en-v1.5 int8, [CLS] pooling: twice MiniLM's layers; one text per ONNX call, like minilm-q. */
    BGE_Q("bge-q", "bge-small-en-v1.5-q"),
    /** {@link StaticEmbedder}: word-piece vectors distilled from MiniLM, no model at run time. */
    STATIC("static", "all-MiniLM-L6-v2-static");

    private final String label;
    private final String model;

    EmbedderChoice(String label, String model) {
        this.label = label;
        this.model = model;
    }

    public String label() {
        return label;
    }

    /**
     * The model's name, as stored with what it computed (the brief's unit vectors and briefs): vectors of two models
     * are never compared, so each model's are kept under its own name.
     */
    public String model() {
        return model;
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
