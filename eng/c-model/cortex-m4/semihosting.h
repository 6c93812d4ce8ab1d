/* The few ARM semihosting calls the firmware needs (QEMU: -semihosting-config enable=on,target=native). */
#ifndef SEMIHOSTING_H
#define SEMIHOSTING_H

static inline int semihosting_call(int operation, void *argument)
{
    register int r0 __asm("r0") = operation;
    register void *r1 __asm("r1") = argument;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static inline void semihosting_write0(const char *text) { semihosting_call(0x04, (void *)text); }

/* Opens a host file; mode 1 is "rb", 5 is "wb". Returns a handle, or -1. */
static inline int semihosting_open(const char *name, int mode)
{
    int length = 0;
    while (name[length])
        length++;
    int block[3] = {(int)name, mode, length};
    return semihosting_call(0x01, block);
}

/* Both return the bytes NOT transferred. */
static inline int semihosting_read(int handle, void *buffer, int length)
{
    int block[3] = {handle, (int)buffer, length};
    return semihosting_call(0x06, block);
}

static inline int semihosting_write(int handle, const void *buffer, int length)
{
    int block[3] = {handle, (int)buffer, length};
    return semihosting_call(0x05, block);
}

static inline void semihosting_close(int handle) { semihosting_call(0x02, &handle); }

/* Ends the emulation: 0 is success (ADP_Stopped_ApplicationExit), anything else a failure. */
static inline void semihosting_exit(int code)
{
    semihosting_call(0x18, (void *)(code == 0 ? 0x20026 : 0x20023));
    for (;;)
        ;
}

#endif
