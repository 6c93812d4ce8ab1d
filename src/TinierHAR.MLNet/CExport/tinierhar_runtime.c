/* TinierHAR inference in C99: no heap, no libc beyond <math.h>, one static work buffer.
 * The convolutions never mix sensor channels, so each channel runs through the whole convolution stack on its own
 * (two ping-pong rows of the scratch area), and only the last block's output, the recurrent layer's input, is kept
 * for all channels. The attention's softmax over time is computed online during the backward GRU pass, so that only
 * the forward pass's states are stored, in the scratch area the convolutions no longer need. */
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

static float th_work[TH_GRU_INPUT * TH_STEPS + TH_SCRATCH];

static float th_dot(const th_w *w, const float *x, int n)
{
    float sum = 0.0f;
    for (int i = 0; i < n; i++)
        sum += (float)w[i] * x[i];
    return sum;
}

static float th_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }

/* The block's convolution and shortcut at input time t: y = ReLU(conv), s = shortcut. */
static void th_block_at(const th_block *b, const float *in, int length, int t, float *y, float *s)
{
    float depthwise[TH_WIDEST];
    const int half = TH_KERNEL / 2;
    if (b->depthwise)
    {
        for (int i = 0; i < b->in; i++)
        {
            float sum = 0.0f;
            for (int j = 0; j < TH_KERNEL; j++)
            {
                int u = t + j - half;
                if (u >= 0 && u < length)
                    sum += (float)b->depthwise[i * TH_KERNEL + j] * in[u * b->in + i];
            }
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
                {
                    int u = t + j - half;
                    if (u >= 0 && u < length)
                        sum += (float)b->weight[(o * b->in + i) * TH_KERNEL + j] * in[u * b->in + i];
                }
            float v = sum * TH_SCALE(b->weight_scale, o) + b->bias[o];
            y[o] = v > 0.0f ? v : 0.0f;
        }
    }
    if (!b->residual)
        return;
    for (int o = 0; o < b->out; o++)
        s[o] = b->shortcut ? th_dot(b->shortcut + o * b->in, in + t * b->in, b->in) * TH_SCALE(b->shortcut_scale, o) + b->shortcut_bias[o]
                           : in[t * b->in + o];
}

/* Runs a block over a time-major (length x in) row into out, one output step every `stride` floats. */
static int th_block_run(const th_block *b, const float *in, int length, float *out, int stride)
{
    float y[2][TH_WIDEST], s[2][TH_WIDEST];
    int steps = b->pool ? length / 2 : length;
    for (int t = 0; t < steps; t++)
    {
        th_block_at(b, in, length, b->pool ? 2 * t : t, y[0], s[0]);
        if (b->pool)
            th_block_at(b, in, length, 2 * t + 1, y[1], s[1]);
        for (int o = 0; o < b->out; o++)
        {
            float h = b->pool && y[1][o] > y[0][o] ? y[1][o] : y[0][o];
            if (b->residual)
                h += b->pool && s[1][o] > s[0][o] ? s[1][o] : s[0][o];
            out[t * stride + o] = h;
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
    float *sequence = th_work;                        /* TH_STEPS x TH_GRU_INPUT, feature c * F + f */
    float *scratch = th_work + TH_GRU_INPUT * TH_STEPS;

    for (int c = 0; c < TH_C; c++)
    {
        float *in = scratch, *out = scratch + TH_ROW;
        for (int t = 0; t < TH_T; t++)
#if TH_NORMALIZE
            in[t] = (window[t * TH_C + c] - th_mean[c]) / th_divisor[c];
#else
            in[t] = window[t * TH_C + c];
#endif
        int length = TH_T;
        for (int k = 0; k < TH_BLOCKS; k++)
        {
            const th_block *b = &th_blocks[k];
            if (k == TH_BLOCKS - 1)
            {
                th_block_run(b, in, length, sequence + c * b->out, TH_GRU_INPUT);
                break;
            }
            length = th_block_run(b, in, length, out, b->out);
            float *swap = in;
            in = out;
            out = swap;
        }
    }

    /* Forward pass: its states and their part of each attention score. */
    float *forward = scratch;                         /* TH_STEPS x TH_UNITS */
    float *score = scratch + TH_STEPS * TH_UNITS;     /* TH_STEPS */
    float h[TH_UNITS] = {0}, next[TH_UNITS];
    for (int t = 0; t < TH_STEPS; t++)
    {
        th_gru_step(0, sequence + t * TH_GRU_INPUT, h, next);
        float part = 0.0f;
        for (int u = 0; u < TH_UNITS; u++)
        {
            h[u] = next[u];
            forward[t * TH_UNITS + u] = next[u];
            part += (float)th_attention_w[u] * next[u];
        }
        score[t] = part * TH_SCALE(th_attention_w_scale, 0);
    }

    /* The softmax over time, online: weights are rescaled whenever a larger score arrives. */
    float context[TH_DIRECTIONS * TH_UNITS] = {0};
    float largest = 0.0f, total = 0.0f;
    for (int u = 0; u < TH_UNITS; u++)
        h[u] = 0.0f;
    for (int step = 0; step < TH_STEPS; step++)
    {
        int t = TH_DIRECTIONS == 2 ? TH_STEPS - 1 - step : step;
        float s = score[t] + th_attention_b[0];
#if TH_DIRECTIONS == 2
        th_gru_step(1, sequence + t * TH_GRU_INPUT, h, next);
        float part = 0.0f;
        for (int u = 0; u < TH_UNITS; u++)
        {
            h[u] = next[u];
            part += (float)th_attention_w[TH_UNITS + u] * next[u];
        }
        s += part * TH_SCALE(th_attention_w_scale, 0);
#endif
        if (step == 0 || s > largest)
        {
            float shrink = step == 0 ? 0.0f : expf(largest - s);
            total *= shrink;
            for (int i = 0; i < TH_DIRECTIONS * TH_UNITS; i++)
                context[i] *= shrink;
            largest = s;
        }
        float e = expf(s - largest);
        total += e;
        for (int u = 0; u < TH_UNITS; u++)
        {
            context[u] += e * forward[t * TH_UNITS + u];
#if TH_DIRECTIONS == 2
            context[TH_UNITS + u] += e * h[u];
#endif
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
