/* Scores windows with an exported C model on the host: reads float32 windows [n][T][C] from one file and writes, per
 * window, the TINIERHAR_K probabilities (or logits with --logits) and the returned class, as float32, to another.
 *   gcc -std=c99 -O2 -I MODEL_DIR eng/c-model/score_windows.c MODEL_DIR/tinierhar_model.c -lm -o score_windows */
#include <stdio.h>
#include <string.h>
#include "tinierhar_model.h"

int main(int argc, char **argv)
{
    int logits = argc == 4 && strcmp(argv[1], "--logits") == 0;
    if (argc != 3 + logits)
    {
        fprintf(stderr, "usage: %s [--logits] windows.f32 scores.f32\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[1 + logits], "rb"), *out = fopen(argv[2 + logits], "wb");
    if (!in || !out)
    {
        perror(in ? argv[2 + logits] : argv[1 + logits]);
        return 2;
    }
    static float window[TINIERHAR_T * TINIERHAR_C];
    float scores[TINIERHAR_K + 1];
    long windows = 0;
    while (fread(window, sizeof window, 1, in) == 1)
    {
        int best = logits ? tinierhar_logits(window, scores) : tinierhar_predict(window, scores);
        scores[TINIERHAR_K] = (float)best;
        fwrite(scores, sizeof scores, 1, out);
        windows++;
    }
    fclose(in);
    fclose(out);
    printf("%ld windows\n", windows);
    return 0;
}
