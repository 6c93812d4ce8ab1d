/* Scores windows on the emulated Cortex-M4 (QEMU mps2-an386, run with -icount shift=0 so that guest time counts
 * instructions): reads float32 windows [n][T][C] from the host's windows.f32 and writes, per window, the
 * TINIERHAR_K probabilities, the class returned and the SysTick ticks it took, as float32, to scores.f32. Then prints
 * one line: the ticks of a calibration loop of 2,000,000 instructions (to turn ticks into instructions), the stack's
 * high-water mark of the scoring loop in bytes, and the windows scored. Built with -DBASELINE it scores nothing,
 * which measures the flash the model adds. */
#include "semihosting.h"
#include "tinierhar_model.h"

#define SYST_CSR (*(volatile unsigned *)0xE000E010)
#define SYST_RVR (*(volatile unsigned *)0xE000E014)
#define SYST_CVR (*(volatile unsigned *)0xE000E018)
#define PAINT 0xA5A5A5A5u

extern unsigned _stack_bottom;
static float window[TINIERHAR_T * TINIERHAR_C];

static unsigned ticks_since(unsigned start) { return (start - SYST_CVR) & 0xFFFFFFu; }

static char *append(char *at, const char *text, unsigned number)
{
    char digits[10];
    int n = 0;
    while (*text)
        *at++ = *text++;
    do
        digits[n++] = (char)('0' + number % 10);
    while (number /= 10);
    while (n)
        *at++ = digits[--n];
    return at;
}

int main(void)
{
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 5; /* enabled, counting the processor clock */

    unsigned turns = 1000000, start = SYST_CVR;
    __asm volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(turns));
    unsigned calibration = ticks_since(start);

    int in = semihosting_open("windows.f32", 1), out = semihosting_open("scores.f32", 5);
    if (in < 0 || out < 0)
    {
        semihosting_write0("cannot open windows.f32 or scores.f32\n");
        return 1;
    }
    unsigned *top, *low = &_stack_bottom;
    __asm volatile("mov %0, sp" : "=r"(top));
    top -= 16; /* below this frame */
    for (unsigned *p = low; p < top; p++)
        *p = PAINT;

    unsigned windows = 0;
    float record[TINIERHAR_K + 2];
    while (semihosting_read(in, window, (int)sizeof window) == 0)
    {
        start = SYST_CVR;
#ifdef BASELINE
        int best = (int)window[0];
#else
        int best = tinierhar_predict(window, record);
#endif
        record[TINIERHAR_K] = (float)best;
        record[TINIERHAR_K + 1] = (float)ticks_since(start);
        semihosting_write(out, record, (int)sizeof record);
        windows++;
    }
    semihosting_close(in);
    semihosting_close(out);

    while (low < top && *low == PAINT)
        low++;
    char line[96], *at = line;
    at = append(at, "calibration-ticks ", calibration);
    at = append(at, " stack-bytes ", (unsigned)((char *)top - (char *)low));
    at = append(at, " windows ", windows);
    *at++ = '\n';
    *at = 0;
    semihosting_write0(line);
    return 0;
}
