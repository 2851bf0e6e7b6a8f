#ifndef CPROCESSTUNING_H
#define CPROCESSTUNING_H

/// Process-wide allocator settings for a short-lived batch process; a no-op where the C library has none.
void ss_tune_allocator(void);

#endif
