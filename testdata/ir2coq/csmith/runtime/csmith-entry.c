/* Native driver of the csmith differential test: prints the checksum autov_entry() returns. */
#include <stdint.h>
#include <stdio.h>
uint32_t autov_entry(void);
int main(void) { printf("%u\n", autov_entry()); return 0; }
