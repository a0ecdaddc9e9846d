package dev.parallax.core.embed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float initializers and the nodes of an ONNX model, read straight from its protobuf bytes (ONNX Runtime's Java
 * API exposes neither). Enough to train on a shipped model's weights and to patch some of them at load time through
 * {@code SessionOptions.addInitializer}; also the 8-bit ones of a quantized model. Only the wire format is parsed: ModelProto.graph (7) → GraphProto.node (1)
 * and initializer (5); TensorProto dims (1), data_type (2), float_data (4), int32_data (5), name (8), raw_data (9); NodeProto input
 * (1), output (2), op_type (4).
 */
public final class OnnxWeights {

    private static final int FLOAT = 1, UINT8 = 2, INT8 = 3;

    /** One float tensor: its shape and values in row-major order. */
    public record Tensor(long[] dims, float[] values) {
    }

    /** One 8-bit tensor of a quantized model: its shape, whether it is signed, and its bytes in row-major order. */
    public record Bytes(long[] dims, boolean signed, byte[] values) {
    }

    /** One graph node: its operator and the names of its inputs and outputs. */
    public record Node(String opType, List<String> inputs, List<String> outputs) {
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, Bytes> bytes = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    private OnnxWeights() {
    }

    public static OnnxWeights read(byte[] model) {
        OnnxWeights w = new OnnxWeights();
        Reader m = new Reader(ByteBuffer.wrap(model));
        while (m.more()) {
            int tag = m.tag();
            if (tag >>> 3 == 7 && (tag & 7) == 2) {
                Reader g = m.message();
                while (g.more()) {
                    int t = g.tag();
                    if (t >>> 3 == 1 && (t & 7) == 2) {
                        w.nodes.add(node(g.message()));
                    } else if (t >>> 3 == 5 && (t & 7) == 2) {
                        w.tensor(g.message());
                    } else {
                        g.skip(t);
                    }
                }
            } else {
                m.skip(tag);
            }
        }
        return w;
    }

    /** Float initializers by name, in file order (non-float ones, such as int64 shapes, are left out). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new EmbeddingException("ONNX model has no float initializer " + name);
        }
        return t;
    }

    /** The 8-bit (int8 or uint8) initializers by name, in file order: a quantized model's weights and zero points. */
    public Map<String, Bytes> bytes() {
        return bytes;
    }

    public Bytes bytes(String name) {
        Bytes b = bytes.get(name);
        if (b == null) {
            throw new EmbeddingException("ONNX model has no 8-bit initializer " + name);
        }
        return b;
    }

    public List<Node> nodes() {
        return nodes;
    }

    private static Node node(Reader r) {
        List<String> in = new ArrayList<>(), out = new ArrayList<>();
        String op = "";
        while (r.more()) {
            int t = r.tag();
            switch (t >>> 3) {
                case 1 -> in.add(r.string());
                case 2 -> out.add(r.string());
                case 4 -> op = r.string();
                default -> r.skip(t);
            }
        }
        return new Node(op, List.copyOf(in), List.copyOf(out));
    }

    private void tensor(Reader r) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = null;
        ByteBuffer raw = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        while (r.more()) {
            int t = r.tag();
            int field = t >>> 3, wire = t & 7;
            if (field == 1 && wire == 0) {
                dims.add(r.varint());
            } else if (field == 1 && wire == 2) {
                Reader p = r.message();
                while (p.more()) {
                    dims.add(p.varint());
                }
            } else if (field == 2 && wire == 0) {
                type = (int) r.varint();
            } else if (field == 4 && wire == 2) {
                Reader p = r.message();
                while (p.more()) {
                    floats.add(p.buf.getFloat());
                }
            } else if (field == 4 && wire == 5) {
                floats.add(r.buf.getFloat());
            } else if (field == 5 && wire == 2) {
                Reader p = r.message();
                while (p.more()) {
                    ints.add(p.varint());
                }
            } else if (field == 5 && wire == 0) {
                ints.add(r.varint());
            } else if (field == 8 && wire == 2) {
                name = r.string();
            } else if (field == 9 && wire == 2) {
                raw = r.bytes();
            } else {
                r.skip(t);
            }
        }
        if (name == null) {
            return;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (type == UINT8 || type == INT8) {
            // small ones (zero points) come as int32_data, one varint per value
            byte[] values = new byte[raw != null ? raw.remaining() : ints.size()];
            if (raw != null) {
                raw.get(values);
            } else {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (byte) ints.get(i).longValue();
                }
            }
            bytes.put(name, new Bytes(shape, type == INT8, values));
            return;
        }
        if (type != FLOAT) {
            return;
        }
        float[] values;
        if (raw != null) {
            values = new float[raw.remaining() / 4];
            raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            values = new float[floats.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        }
        tensors.put(name, new Tensor(shape, values));
    }

    /** A protobuf message's bytes: tags, varints and length-delimited fields. */
    private static final class Reader {
        final ByteBuffer buf;

        Reader(ByteBuffer buf) {
            this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return buf.hasRemaining();
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buf.get();
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new EmbeddingException("Malformed ONNX protobuf: varint longer than 10 bytes");
        }

        ByteBuffer bytes() {
            int n = Math.toIntExact(varint());
            ByteBuffer slice = buf.slice(buf.position(), n);
            buf.position(buf.position() + n);
            return slice;
        }

        Reader message() {
            return new Reader(bytes());
        }

        String string() {
            return StandardCharsets.UTF_8.decode(bytes()).toString();
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> buf.position(buf.position() + 8);
                case 2 -> bytes();
                case 5 -> buf.position(buf.position() + 4);
                default -> throw new EmbeddingException("Malformed ONNX protobuf: wire type " + (tag & 7));
            }
        }
    }
}
