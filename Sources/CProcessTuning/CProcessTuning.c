#include "CProcessTuning.h"

#include <stdlib.h>  // defines __GLIBC__ (through features.h) where it applies

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ss_tune_allocator(void) {
#if defined(__GLIBC__)
    // glibc grows a worker thread's heap 128 KiB at a time, one mprotect call each: on a 10k-resource plan
    // that was a third of the scan's system time. Growing 64 MiB at a time costs only address space.
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}
