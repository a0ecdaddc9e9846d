package dev.parallax.core.embed;

/**
 * A float weight quantized to 8 bits the way the shipped int8 MiniLM ({@code minilm-q}, ONNX Runtime's dynamic
 * quantization) stores its weights, so that a fine-tuned float weight can replace the int8 one: matrices of
 * MatMulInteger nodes are int8, symmetric (zero point 0) with one scale per output column and the reduced range
 * ±64 (scale = largest |w| of the column / 64); embedding tables read by Gather are uint8 with zero point 128 and
 * one scale (largest |w| / 127.5). {@code RequantizedTest} checks that this reproduces the shipped int8 weights
 * exactly from the float32 model's.
 *
 * @param original the int8 model's tensor this replaces (shape, signedness)
 * @param values the new 8-bit values
 * @param scales the new scales, one per column or one in all
 */
record Requantized(OnnxWeights.Bytes original, byte[] values, float[] scales) {
    /** Suffixes ONNX Runtime's quantizer gives a weight's 8-bit values and scales. */
    static final String WEIGHT = "_quantized", SCALE = "_scale", ZERO_POINT = "_zero_point";
    private static final float MATRIX_RANGE = 64f, TABLE_RANGE = 127.5f;

    /** {@code values} (float, row-major, the shape of the int8 model's {@code name}) quantized as that model does. */
    static Requantized of(OnnxWeights quantizedModel, String name, float[] values) {
        OnnxWeights.Bytes original = quantizedModel.bytes(name + WEIGHT);
        float[] scale = quantizedModel.tensor(name + SCALE).values();
        OnnxWeights.Bytes zeroPoint = quantizedModel.bytes(name + ZERO_POINT);
        if (original.values().length != values.length) {
            throw new EmbeddingException("Delta for " + name + " has " + values.length + " values, the model "
                    + original.values().length);
        }
        int columns = (int) original.dims()[original.dims().length - 1];
        if (original.signed() && scale.length == columns && allZero(zeroPoint.values())) {
            return perColumn(original, values, columns);
        }
        if (!original.signed() && scale.length == 1 && zeroPoint.values().length == 1
                && (zeroPoint.values()[0] & 0xff) == 128) {
            return perTensor(original, values);
        }
        throw new EmbeddingException("Cannot requantize " + name + ": not a scheme of the shipped int8 model");
    }

    private static Requantized perColumn(OnnxWeights.Bytes original, float[] w, int columns) {
        float[] scales = new float[columns];
        for (int i = 0; i < w.length; i++) {
            scales[i % columns] = Math.max(scales[i % columns], Math.abs(w[i]));
        }
        for (int j = 0; j < columns; j++) {
            scales[j] /= MATRIX_RANGE;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            float s = scales[i % columns];
            q[i] = (byte) (s == 0 ? 0 : clamp(Math.rint(w[i] / s), -MATRIX_RANGE, MATRIX_RANGE));
        }
        return new Requantized(original, q, scales);
    }

    private static Requantized perTensor(OnnxWeights.Bytes original, float[] w) {
        float max = 0;
        for (float x : w) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max / TABLE_RANGE;
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = (byte) clamp((scale == 0 ? 0 : Math.rint(w[i] / scale)) + 128, 0, 255);
        }
        return new Requantized(original, q, new float[]{scale});
    }

    private static int clamp(double x, double lo, double hi) {
        return (int) Math.max(lo, Math.min(hi, x));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
