/* Reset for the mps2-an386 firmware: copies .data, clears .bss, turns the FPU on, runs main and ends the emulation
 * through semihosting with main's result. A fault ends it as a failure. */
#include "semihosting.h"

extern unsigned _text_end, _data_start, _data_end, _bss_start, _bss_end, _stack_top;
int main(void);
void reset(void);

static void fault(void)
{
    semihosting_write0("fault\n");
    semihosting_exit(3);
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))&_stack_top, reset, fault, fault, fault, fault, fault, 0, 0, 0, 0, fault, fault, 0, fault, fault,
};

void reset(void)
{
    unsigned *from = &_text_end, *to = &_data_start;
    while (to < &_data_end)
        *to++ = *from++;
    for (to = &_bss_start; to < &_bss_end;)
        *to++ = 0;
    *(volatile unsigned *)0xE000ED88 |= 0xFu << 20; /* CPACR: full access to CP10 and CP11, the FPU */
    __asm volatile("dsb\n\tisb");
    semihosting_exit(main());
}
