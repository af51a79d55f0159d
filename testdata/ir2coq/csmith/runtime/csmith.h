/* autov's runtime for csmith programs (used instead of csmith's csmith.h, which prints with
   printf): the same CRC-32 checksum over the hashed values, kept in `autov_checksum` by
   platform_main_end. Programs are compiled with -Dmain=csmith_main and called through
   autov_entry() (csmith-entry.c), natively and in coq-lib's interpreter. csmith's safe_math.h
   (libcsmith-dev, /usr/include/csmith) gives the safe arithmetic wrappers. */
#ifndef AUTOV_CSMITH_H
#define AUTOV_CSMITH_H
#include <stdint.h>
#include <limits.h>
#include <string.h>
#include <float.h>
#include <math.h>

#define COUNT(n)
#define TC
#define SAFE
#define UNDEFINED(__val) (__val)
#define LOG_INDEX
#define LOG_EXEC
#define STATIC static
#define FUNC_NAME(x) (safe_##x)
#include "safe_math.h"
#undef FUNC_NAME
#define INT_BIT (sizeof(int) * CHAR_BIT)
#define _CSMITH_BITFIELD(x) (((x) > INT_BIT) ? ((x) % INT_BIT) : (x))

static uint32_t crc32_tab[256];
static uint32_t crc32_context = 0xFFFFFFFFUL;
uint32_t autov_checksum;

static void crc32_gentab(void) {
  const uint32_t poly = 0xEDB88320UL;
  for (int i = 0; i < 256; i++) {
    uint32_t crc = i;
    for (int j = 8; j > 0; j--)
      crc = (crc & 1) ? (crc >> 1) ^ poly : crc >> 1;
    crc32_tab[i] = crc;
  }
}

static void crc32_byte(uint8_t b) {
  crc32_context = ((crc32_context >> 8) & 0x00FFFFFF) ^ crc32_tab[(crc32_context ^ b) & 0xFF];
}

static void crc32_8bytes(uint64_t val) {
  for (int k = 0; k < 64; k += 8)
    crc32_byte((val >> k) & 0xff);
}

static void transparent_crc(uint64_t val, char *vname, int flag) {
  (void)vname;
  (void)flag;
  crc32_8bytes(val);
}

static void transparent_crc_bytes(char *ptr, int nbytes, char *vname, int flag) {
  (void)vname;
  (void)flag;
  for (int i = 0; i < nbytes; i++)
    crc32_byte(ptr[i]);
}

static inline void platform_main_begin(void) {}

static inline void platform_main_end(uint32_t crc, int flag) {
  (void)flag;
  autov_checksum = crc;
}
#endif
