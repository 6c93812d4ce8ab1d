/* TinierHAR inference in C99: no heap, no libc beyond <math.h>, one static work buffer.
 * The convolutions never mix sensor channels, so each channel runs through the whole convolution stack on its own,
 * in place on one row of the work buffer, and only the last block's output, the recurrent layer's input, is kept for
 * all channels. The attention needs no stored GRU states: the forward pass runs twice instead. Both cost instructions
 * (6.4 M against 5.1 M per window at HAPT's shape) and save RAM (12.0 KB against 13.6 KB). */
#if TH_INT8
typedef int8_t th_w;
#define TH_SCALE(scales, row) ((scales)[row])
#else
typedef float th_w;
#define TH_SCALE(scales, row) 1.0f
#endif

/* One residual block: a depthwise (k) and pointwise (1) convolution pair with its BatchNorm folded into the pointwise
 * weights and bias (or one full k-wide convolution where the network has no depthwise split), a ReLU, an optional
 * (2,1) max-pool, and the shortcut: identity, or a 1-wide convolution where the width changes. */
typedef struct
{
    int in, out, pool, residual;
    const th_w *depthwise;       /* in x k; null: `weight` is the full out x in x k convolution */
    const float *depthwise_scale;
    const th_w *weight;          /* out x in (pointwise) or out x in x k */
    const float *weight_scale;
    const float *bias;           /* out */
    const th_w *shortcut;        /* out x in; null: identity shortcut */
    const float *shortcut_scale;
    const float *shortcut_bias;
} th_block;

/* @weights */

static float th_work[TH_GRU_INPUT * TH_STEPS + TH_ROW];

static float th_dot(const th_w *w, const float *x, int n)
{
    float sum = 0.0f;
    for (int i = 0; i < n; i++)
        sum += (float)w[i] * x[i];
    return sum;
}

static float th_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }

/* The block's convolution and shortcut at input time t: y = ReLU(conv), s = shortcut. The input (length x in) is
 * read at in[u * stride + i], normalised on the way where `norm` holds a channel's mean and divisor. */
static void th_block_at(const th_block *b, const float *in, int stride, const float *norm, int length, int t, float *y, float *s)
{
    static const float zeros[TH_WIDEST];
    float normalised[TH_KERNEL][TH_WIDEST], depthwise[TH_WIDEST];
    const float *x[TH_KERNEL];
    const int half = TH_KERNEL / 2;
    for (int j = 0; j < TH_KERNEL; j++)
    {
        int u = t + j - half;
        if (u < 0 || u >= length)
            x[j] = zeros;
        else if (!norm)
            x[j] = in + u * stride;
        else
        {
            for (int i = 0; i < b->in; i++)
                normalised[j][i] = (in[u * stride + i] - norm[0]) / norm[1];
            x[j] = normalised[j];
        }
    }
    if (b->depthwise)
    {
        for (int i = 0; i < b->in; i++)
        {
            float sum = 0.0f;
            for (int j = 0; j < TH_KERNEL; j++)
                sum += (float)b->depthwise[i * TH_KERNEL + j] * x[j][i];
            depthwise[i] = sum * TH_SCALE(b->depthwise_scale, i);
        }
        for (int o = 0; o < b->out; o++)
        {
            float v = th_dot(b->weight + o * b->in, depthwise, b->in) * TH_SCALE(b->weight_scale, o) + b->bias[o];
            y[o] = v > 0.0f ? v : 0.0f;
        }
    }
    else
    {
        for (int o = 0; o < b->out; o++)
        {
            float sum = 0.0f;
            for (int i = 0; i < b->in; i++)
                for (int j = 0; j < TH_KERNEL; j++)
                    sum += (float)b->weight[(o * b->in + i) * TH_KERNEL + j] * x[j][i];
            float v = sum * TH_SCALE(b->weight_scale, o) + b->bias[o];
            y[o] = v > 0.0f ? v : 0.0f;
        }
    }
    if (!b->residual)
        return;
    for (int o = 0; o < b->out; o++)
        s[o] = b->shortcut ? th_dot(b->shortcut + o * b->in, x[half], b->in) * TH_SCALE(b->shortcut_scale, o) + b->shortcut_bias[o]
                           : x[half][o];
}

/* Output step t of a block: ReLU(conv), max-pooled over two input steps where the block pools, plus the shortcut
 * pooled the same way. */
static void th_block_step(const th_block *b, const float *in, int stride, const float *norm, int length, int t, float *out)
{
    float y[2][TH_WIDEST], s[2][TH_WIDEST];
    th_block_at(b, in, stride, norm, length, b->pool ? 2 * t : t, y[0], s[0]);
    if (b->pool)
        th_block_at(b, in, stride, norm, length, 2 * t + 1, y[1], s[1]);
    for (int o = 0; o < b->out; o++)
    {
        float h = b->pool && y[1][o] > y[0][o] ? y[1][o] : y[0][o];
        if (b->residual)
            h += b->pool && s[1][o] > s[0][o] ? s[1][o] : s[0][o];
        out[o] = h;
    }
}

static int th_steps(const th_block *b, int length) { return b->pool ? length / 2 : length; }

/* A block from one buffer into another: output step t at out[t * out_stride + o]. */
static int th_block_run(const th_block *b, const float *in, int stride, const float *norm, int length, float *out, int out_stride)
{
    int steps = th_steps(b, length);
    for (int t = 0; t < steps; t++)
        th_block_step(b, in, stride, norm, length, t, out + t * out_stride);
    return steps;
}

/* A block in place on a time-major row: each output step waits in a small ring until no later step reads the inputs
 * it overwrites (the widths double exactly where the steps halve, so the row never grows). */
static int th_block_in_place(const th_block *b, float *row, int length)
{
    float ring[TH_RING][TH_WIDEST];
    int steps = th_steps(b, length), written = 0;
    for (int t = 0; t < steps; t++)
    {
        th_block_step(b, row, b->in, 0, length, t, ring[t % TH_RING]);
        int first_read = t + 1 == steps ? length : (b->pool ? 2 * (t + 1) : t + 1) - TH_KERNEL / 2;
        while (written <= t && ((written + 1) * b->out - 1) / b->in < first_read)
        {
            for (int o = 0; o < b->out; o++)
                row[written * b->out + o] = ring[written % TH_RING][o];
            written++;
        }
    }
    return steps;
}

/* One GRU step of direction d (ONNX's gate order z, r, h and linear_before_reset: r scales R·h + its bias). */
static void th_gru_step(int d, const float *x, const float *h, float *next)
{
    for (int u = 0; u < TH_UNITS; u++)
    {
        float gate[3], recurrent[3];
        for (int g = 0; g < 3; g++)
        {
            int row = (d * 3 + g) * TH_UNITS + u;
            gate[g] = th_dot(th_gru_w + row * TH_GRU_INPUT, x, TH_GRU_INPUT) * TH_SCALE(th_gru_w_scale, row) + th_gru_b[d * 6 * TH_UNITS + g * TH_UNITS + u];
            recurrent[g] = th_dot(th_gru_r + row * TH_UNITS, h, TH_UNITS) * TH_SCALE(th_gru_r_scale, row) + th_gru_b[(d * 6 + 3 + g) * TH_UNITS + u];
        }
        float z = th_sigmoid(gate[0] + recurrent[0]);
        float r = th_sigmoid(gate[1] + recurrent[1]);
        float n = tanhf(gate[2] + r * recurrent[2]);
        next[u] = (1.0f - z) * n + z * h[u];
    }
}

int tinierhar_logits(const float *window, float *logits)
{
    float *sequence = th_work;                 /* TH_STEPS x TH_GRU_INPUT, feature c * 2F + f */
    float *row = th_work + TH_GRU_INPUT * TH_STEPS;

    for (int c = 0; c < TH_C; c++)
    {
#if TH_NORMALIZE
        const float norm[2] = {th_mean[c], th_divisor[c]};
#else
        const float *norm = 0;
#endif
        int length = th_block_run(&th_blocks[0], window + c, TH_C, norm, TH_T, row, th_blocks[0].out);
        for (int k = 1; k < TH_BLOCKS - 1; k++)
            length = th_block_in_place(&th_blocks[k], row, length);
        const th_block *last = &th_blocks[TH_BLOCKS - 1];
        th_block_run(last, row, last->in, 0, length, sequence + c * last->out, TH_GRU_INPUT);
    }

    /* Attention over the GRU's states without storing them: the forward pass leaves its part of each score; the
     * backward pass completes the scores and sums its states under an online softmax (rescaled whenever a larger
     * score arrives); a second forward pass sums the forward states under the final weights. */
    float *score = row; /* TH_STEPS */
    float h[TH_UNITS], next[TH_UNITS], context[TH_DIRECTIONS * TH_UNITS];
    for (int u = 0; u < TH_UNITS; u++)
        h[u] = 0.0f;
    for (int t = 0; t < TH_STEPS; t++)
    {
        th_gru_step(0, sequence + t * TH_GRU_INPUT, h, next);
        float part = 0.0f;
        for (int u = 0; u < TH_UNITS; u++)
        {
            h[u] = next[u];
            part += (float)th_attention_w[u] * next[u];
        }
        score[t] = part * TH_SCALE(th_attention_w_scale, 0) + th_attention_b[0];
    }

    float largest = 0.0f, total = 0.0f;
    for (int i = 0; i < TH_DIRECTIONS * TH_UNITS; i++)
        context[i] = 0.0f;
#if TH_DIRECTIONS == 2
    for (int u = 0; u < TH_UNITS; u++)
        h[u] = 0.0f;
    for (int t = TH_STEPS - 1; t >= 0; t--)
    {
        th_gru_step(1, sequence + t * TH_GRU_INPUT, h, next);
        float part = 0.0f;
        for (int u = 0; u < TH_UNITS; u++)
        {
            h[u] = next[u];
            part += (float)th_attention_w[TH_UNITS + u] * next[u];
        }
        float s = score[t] + part * TH_SCALE(th_attention_w_scale, 0);
        score[t] = s;
        if (t == TH_STEPS - 1 || s > largest)
        {
            float shrink = t == TH_STEPS - 1 ? 0.0f : expf(largest - s);
            total *= shrink;
            for (int u = 0; u < TH_UNITS; u++)
                context[TH_UNITS + u] *= shrink;
            largest = s;
        }
        float e = expf(s - largest);
        total += e;
        for (int u = 0; u < TH_UNITS; u++)
            context[TH_UNITS + u] += e * h[u];
    }
#else
    for (int t = 0; t < TH_STEPS; t++)
        if (t == 0 || score[t] > largest)
            largest = score[t];
    for (int t = 0; t < TH_STEPS; t++)
        total += expf(score[t] - largest);
#endif

    for (int u = 0; u < TH_UNITS; u++)
        h[u] = 0.0f;
    for (int t = 0; t < TH_STEPS; t++)
    {
        th_gru_step(0, sequence + t * TH_GRU_INPUT, h, next);
        float e = expf(score[t] - largest);
        for (int u = 0; u < TH_UNITS; u++)
        {
            h[u] = next[u];
            context[u] += e * next[u];
        }
    }
    for (int i = 0; i < TH_DIRECTIONS * TH_UNITS; i++)
        context[i] /= total;

    float top = 0.0f;
    int best = 0;
    for (int k = 0; k < TH_K; k++)
    {
        logits[k] = th_dot(th_classifier_w + k * TH_DIRECTIONS * TH_UNITS, context, TH_DIRECTIONS * TH_UNITS) * TH_SCALE(th_classifier_w_scale, k) + th_classifier_b[k];
        if (k == 0 || logits[k] > top)
        {
            top = logits[k];
            best = k;
        }
    }
    return best;
}

int tinierhar_predict(const float *window, float *probabilities)
{
    int best = tinierhar_logits(window, probabilities);
    float top = probabilities[best], sum = 0.0f;
    for (int k = 0; k < TH_K; k++)
    {
        probabilities[k] = expf(probabilities[k] - top);
        sum += probabilities[k];
    }
    for (int k = 0; k < TH_K; k++)
        probabilities[k] /= sum;
    return best;
}
