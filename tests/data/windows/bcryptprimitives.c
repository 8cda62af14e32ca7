/* bcryptprimitives.c: ProcessPrng, for Wine releases without bcryptprimitives.dll (Wine 8.0 of
 * Debian 12 has none). Go 1.22 and newer read their random numbers from it on Windows and stop in
 * runtime.osinit when it is missing ("fatal error: bcryptprimitives.dll not found"); Windows 10
 * and newer have it. tests/test_platform_windows.py builds this file with `zig cc -shared` into
 * the system32 folder of its own Wine prefix when Wine has no bcryptprimitives.dll of its own.
 */
#include <windows.h>

#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            return FALSE;
        }
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
