/* pkio-test-pkcs11.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A PKCS#11 module for the token tests: one slot whose token the test
 * inserts, removes, slows down or breaks by rewriting a small state file.
 *
 * The state file is $PKIO_TEST_P11_STATE if set, otherwise the path of this
 * very module with ".state" appended, so that a test can load several
 * copies of the module, each with its own behaviour. It is re-read on every
 * call. Lines are key=value:
 *
 *   present=1              a token is in the slot
 *   label=, serial=, model=, manufacturer=
 *   flags=a,b,…            token_initialized login_required
 *                          user_pin_initialized count_low final_try locked
 *                          to_be_changed protected_auth_path write_protected
 *   min_pin=, max_pin=     PIN length limits (default 4 and 16)
 *   delay_init_ms=         C_Initialize sleeps this long
 *   delay_slotlist_ms=     C_GetSlotList sleeps this long
 *   fail_init=1            C_Initialize fails with CKR_DEVICE_ERROR
 *   fail=1                 C_GetSlotList fails with CKR_DEVICE_ERROR
 *   cert=/path/cert.der    one public certificate object on the token
 *   hang=C_Name            that entry point (C_GetFunctionList, C_Initialize,
 *                          C_GetInfo, C_GetSlotList, C_GetTokenInfo,
 *                          C_OpenSession, C_FindObjects...) blocks for as
 *                          long as the state file says so: a test ends the
 *                          hang by rewriting the file
 *   library_manufacturer=  CK_INFO manufacturerID (default "PKIo Tests")
 *   session_pin_locked=1   C_OpenSession answers CKR_PIN_LOCKED, as some
 *                          cards do once the PIN is blocked
 *
 * Each C_GetSlotList appends a byte to the state file's path + ".calls", so
 * that a test can tell how many polls have happened.
 */

/* _GNU_SOURCE (for dladdr) comes from the project arguments. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <p11-kit/pkcs11.h>

#define SLOT_ID 7
#define SESSION_HANDLE 1
#define CERT_HANDLE 100

typedef struct
{
  int           present;
  char          label[33];
  char          serial[17];
  char          model[17];
  char          manufacturer[33];
  CK_FLAGS      flags;
  unsigned long min_pin;
  unsigned long max_pin;
  long          delay_init_ms;
  long          delay_slotlist_ms;
  int           fail_init;
  int           fail;
  char          cert[1024];
  char          hang[64];
  char          library_manufacturer[33];
  int           session_pin_locked;
} State;

static int initialized;
static int find_done;

static void
state_path (char   *buf,
            size_t  len)
{
  const char *env = getenv ("PKIO_TEST_P11_STATE");
  Dl_info info;

  if (env != NULL)
    {
      snprintf (buf, len, "%s", env);
      return;
    }

  if (dladdr ((void *)state_path, &info) && info.dli_fname)
    snprintf (buf, len, "%s.state", info.dli_fname);
  else
    snprintf (buf, len, "/nonexistent");
}

static CK_FLAGS
parse_flags (char *value)
{
  static const struct { const char *name; CK_FLAGS flag; } names[] = {
    { "token_initialized", CKF_TOKEN_INITIALIZED },
    { "login_required", CKF_LOGIN_REQUIRED },
    { "user_pin_initialized", CKF_USER_PIN_INITIALIZED },
    { "count_low", CKF_USER_PIN_COUNT_LOW },
    { "final_try", CKF_USER_PIN_FINAL_TRY },
    { "locked", CKF_USER_PIN_LOCKED },
    { "to_be_changed", CKF_USER_PIN_TO_BE_CHANGED },
    { "protected_auth_path", CKF_PROTECTED_AUTHENTICATION_PATH },
    { "write_protected", CKF_WRITE_PROTECTED },
  };
  CK_FLAGS flags = 0;
  char *save = NULL;

  for (char *tok = strtok_r (value, ",", &save); tok; tok = strtok_r (NULL, ",", &save))
    {
      for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        {
          if (strcmp (tok, names[i].name) == 0)
            flags |= names[i].flag;
        }
    }

  return flags;
}

static void
read_state (State *state)
{
  char path[1100];
  char line[1200];
  FILE *f;

  memset (state, 0, sizeof *state);
  strcpy (state->label, "PKIo Test Token");
  strcpy (state->serial, "0123456789");
  strcpy (state->model, "eToken 5110 CC");
  strcpy (state->manufacturer, "PKIo Tests");
  strcpy (state->library_manufacturer, "PKIo Tests");
  state->flags = CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED;
  state->min_pin = 4;
  state->max_pin = 16;

  state_path (path, sizeof path);
  f = fopen (path, "r");
  if (f == NULL)
    return;

  while (fgets (line, sizeof line, f))
    {
      char *eq = strchr (line, '=');
      char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      value = eq + 1;
      value[strcspn (value, "\r\n")] = '\0';

      if (strcmp (line, "present") == 0)
        state->present = atoi (value);
      else if (strcmp (line, "label") == 0)
        snprintf (state->label, sizeof state->label, "%s", value);
      else if (strcmp (line, "serial") == 0)
        snprintf (state->serial, sizeof state->serial, "%s", value);
      else if (strcmp (line, "model") == 0)
        snprintf (state->model, sizeof state->model, "%s", value);
      else if (strcmp (line, "manufacturer") == 0)
        snprintf (state->manufacturer, sizeof state->manufacturer, "%s", value);
      else if (strcmp (line, "flags") == 0)
        state->flags = parse_flags (value);
      else if (strcmp (line, "min_pin") == 0)
        state->min_pin = strtoul (value, NULL, 10);
      else if (strcmp (line, "max_pin") == 0)
        state->max_pin = strtoul (value, NULL, 10);
      else if (strcmp (line, "delay_init_ms") == 0)
        state->delay_init_ms = atol (value);
      else if (strcmp (line, "delay_slotlist_ms") == 0)
        state->delay_slotlist_ms = atol (value);
      else if (strcmp (line, "fail_init") == 0)
        state->fail_init = atoi (value);
      else if (strcmp (line, "fail") == 0)
        state->fail = atoi (value);
      else if (strcmp (line, "cert") == 0)
        snprintf (state->cert, sizeof state->cert, "%s", value);
      else if (strcmp (line, "hang") == 0)
        snprintf (state->hang, sizeof state->hang, "%s", value);
      else if (strcmp (line, "library_manufacturer") == 0)
        snprintf (state->library_manufacturer, sizeof state->library_manufacturer, "%s", value);
      else if (strcmp (line, "session_pin_locked") == 0)
        state->session_pin_locked = atoi (value);
    }

  fclose (f);
}

static void
count_call (void)
{
  char path[1100];
  FILE *f;

  state_path (path, sizeof path - 8);
  strcat (path, ".calls");
  f = fopen (path, "a");
  if (f != NULL)
    {
      fputc ('x', f);
      fclose (f);
    }
}

static void
sleep_ms (long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

  if (ms > 0)
    nanosleep (&ts, NULL);
}

/* A module that never answers: blocks while the state file names this
 * entry point, re-reading it so that a test can let the thread go. */
static void
maybe_hang (const char *function)
{
  for (;;)
    {
      State state;

      read_state (&state);
      if (strcmp (state.hang, function) != 0)
        return;
      sleep_ms (20);
    }
}

static void
pad (CK_UTF8CHAR *dest,
     size_t       len,
     const char  *src)
{
  size_t n = strlen (src);

  memset (dest, ' ', len);
  memcpy (dest, src, n < len ? n : len);
}

static unsigned char *
read_cert (const char *path,
           size_t     *len)
{
  unsigned char *data;
  FILE *f;
  long size;

  if (path[0] == '\0' || (f = fopen (path, "rb")) == NULL)
    return NULL;

  fseek (f, 0, SEEK_END);
  size = ftell (f);
  fseek (f, 0, SEEK_SET);
  data = malloc (size > 0 ? size : 1);
  *len = fread (data, 1, size, f);
  fclose (f);

  return data;
}

static CK_RV
test_initialize (CK_VOID_PTR init_args)
{
  State state;

  maybe_hang ("C_Initialize");

  read_state (&state);
  sleep_ms (state.delay_init_ms);

  if (state.fail_init)
    return CKR_DEVICE_ERROR;
  if (initialized)
    return CKR_CRYPTOKI_ALREADY_INITIALIZED;

  initialized = 1;
  return CKR_OK;
}

static CK_RV
test_finalize (CK_VOID_PTR reserved)
{
  if (!initialized)
    return CKR_CRYPTOKI_NOT_INITIALIZED;

  initialized = 0;
  return CKR_OK;
}

static CK_RV
test_get_info (CK_INFO_PTR info)
{
  State state;

  maybe_hang ("C_GetInfo");
  memset (info, 0, sizeof *info);
  info->cryptokiVersion.major = 2;
  info->cryptokiVersion.minor = 40;
  read_state (&state);
  pad (info->manufacturerID, sizeof info->manufacturerID, state.library_manufacturer);
  pad (info->libraryDescription, sizeof info->libraryDescription, "PKIo test module");
  info->libraryVersion.major = 1;

  return CKR_OK;
}

static CK_RV
test_get_slot_list (CK_BBOOL       token_present,
                    CK_SLOT_ID_PTR slots,
                    CK_ULONG_PTR   count)
{
  State state;
  CK_ULONG n;

  maybe_hang ("C_GetSlotList");

  if (!initialized)
    return CKR_CRYPTOKI_NOT_INITIALIZED;

  read_state (&state);
  count_call ();
  sleep_ms (state.delay_slotlist_ms);
  if (state.fail)
    return CKR_DEVICE_ERROR;

  n = (!token_present || state.present) ? 1 : 0;
  if (slots == NULL)
    {
      *count = n;
      return CKR_OK;
    }
  if (*count < n)
    {
      *count = n;
      return CKR_BUFFER_TOO_SMALL;
    }

  *count = n;
  if (n == 1)
    slots[0] = SLOT_ID;

  return CKR_OK;
}

static CK_RV
test_get_slot_info (CK_SLOT_ID       slot,
                    CK_SLOT_INFO_PTR info)
{
  State state;

  if (slot != SLOT_ID)
    return CKR_SLOT_ID_INVALID;

  read_state (&state);
  memset (info, 0, sizeof *info);
  pad (info->slotDescription, sizeof info->slotDescription, "PKIo Test Reader");
  pad (info->manufacturerID, sizeof info->manufacturerID, "PKIo Tests");
  info->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (state.present ? CKF_TOKEN_PRESENT : 0);

  return CKR_OK;
}

static CK_RV
test_get_token_info (CK_SLOT_ID        slot,
                     CK_TOKEN_INFO_PTR info)
{
  State state;

  maybe_hang ("C_GetTokenInfo");

  if (slot != SLOT_ID)
    return CKR_SLOT_ID_INVALID;

  read_state (&state);
  if (!state.present)
    return CKR_TOKEN_NOT_PRESENT;

  memset (info, 0, sizeof *info);
  pad (info->label, sizeof info->label, state.label);
  pad (info->manufacturerID, sizeof info->manufacturerID, state.manufacturer);
  pad (info->model, sizeof info->model, state.model);
  pad (info->serialNumber, sizeof info->serialNumber, state.serial);
  info->flags = state.flags;
  info->ulMinPinLen = state.min_pin;
  info->ulMaxPinLen = state.max_pin;
  info->ulMaxSessionCount = CK_EFFECTIVELY_INFINITE;
  info->ulMaxRwSessionCount = CK_EFFECTIVELY_INFINITE;
  info->ulTotalPublicMemory = CK_UNAVAILABLE_INFORMATION;
  info->ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
  info->ulTotalPrivateMemory = CK_UNAVAILABLE_INFORMATION;
  info->ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
  info->hardwareVersion.major = 1;
  info->hardwareVersion.minor = 2;
  info->firmwareVersion.major = 3;
  info->firmwareVersion.minor = 4;

  return CKR_OK;
}

static CK_RV
test_open_session (CK_SLOT_ID            slot,
                   CK_FLAGS              flags,
                   CK_VOID_PTR           application,
                   CK_NOTIFY             notify,
                   CK_SESSION_HANDLE_PTR session)
{
  State state;

  maybe_hang ("C_OpenSession");

  if (slot != SLOT_ID)
    return CKR_SLOT_ID_INVALID;

  read_state (&state);
  if (!state.present)
    return CKR_TOKEN_NOT_PRESENT;
  if (state.session_pin_locked)
    return CKR_PIN_LOCKED;

  *session = SESSION_HANDLE;
  return CKR_OK;
}

static CK_RV
test_close_session (CK_SESSION_HANDLE session)
{
  return session == SESSION_HANDLE ? CKR_OK : CKR_SESSION_HANDLE_INVALID;
}

static CK_RV
test_find_objects_init (CK_SESSION_HANDLE session,
                        CK_ATTRIBUTE_PTR  templ,
                        CK_ULONG          count)
{
  int wants_certs = 0;

  if (session != SESSION_HANDLE)
    return CKR_SESSION_HANDLE_INVALID;

  for (CK_ULONG i = 0; i < count; i++)
    {
      if (templ[i].type == CKA_CLASS && templ[i].ulValueLen == sizeof (CK_OBJECT_CLASS) &&
          *(CK_OBJECT_CLASS *)templ[i].pValue == CKO_CERTIFICATE)
        wants_certs = 1;
    }

  find_done = !wants_certs;
  return CKR_OK;
}

static CK_RV
test_find_objects (CK_SESSION_HANDLE    session,
                   CK_OBJECT_HANDLE_PTR objects,
                   CK_ULONG             max,
                   CK_ULONG_PTR         count)
{
  State state;

  maybe_hang ("C_FindObjects");

  read_state (&state);
  *count = 0;
  if (!find_done && state.cert[0] != '\0' && max > 0)
    {
      objects[0] = CERT_HANDLE;
      *count = 1;
    }
  find_done = 1;

  return CKR_OK;
}

static CK_RV
test_find_objects_final (CK_SESSION_HANDLE session)
{
  find_done = 1;
  return CKR_OK;
}

static CK_RV
set_attribute (CK_ATTRIBUTE_PTR  attr,
               const void       *value,
               size_t            len)
{
  if (attr->pValue == NULL)
    {
      attr->ulValueLen = len;
      return CKR_OK;
    }
  if (attr->ulValueLen < len)
    {
      attr->ulValueLen = CK_UNAVAILABLE_INFORMATION;
      return CKR_BUFFER_TOO_SMALL;
    }

  memcpy (attr->pValue, value, len);
  attr->ulValueLen = len;
  return CKR_OK;
}

static CK_RV
test_get_attribute_value (CK_SESSION_HANDLE session,
                          CK_OBJECT_HANDLE  object,
                          CK_ATTRIBUTE_PTR  templ,
                          CK_ULONG          count)
{
  static const CK_OBJECT_CLASS klass = CKO_CERTIFICATE;
  static const CK_CERTIFICATE_TYPE type = CKC_X_509;
  static const char label[] = "Test signing certificate";
  CK_RV ret = CKR_OK;
  State state;

  if (session != SESSION_HANDLE)
    return CKR_SESSION_HANDLE_INVALID;
  if (object != CERT_HANDLE)
    return CKR_OBJECT_HANDLE_INVALID;

  read_state (&state);

  for (CK_ULONG i = 0; i < count; i++)
    {
      CK_RV rv;

      switch (templ[i].type)
        {
        case CKA_CLASS:
          rv = set_attribute (&templ[i], &klass, sizeof klass);
          break;

        case CKA_CERTIFICATE_TYPE:
          rv = set_attribute (&templ[i], &type, sizeof type);
          break;

        case CKA_LABEL:
          rv = set_attribute (&templ[i], label, strlen (label));
          break;

        case CKA_VALUE:
          {
            size_t len = 0;
            unsigned char *data = read_cert (state.cert, &len);

            if (data == NULL)
              {
                templ[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
                rv = CKR_ATTRIBUTE_TYPE_INVALID;
              }
            else
              {
                rv = set_attribute (&templ[i], data, len);
              }
            free (data);
          }
          break;

        default:
          templ[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
          rv = CKR_ATTRIBUTE_TYPE_INVALID;
          break;
        }

      if (rv != CKR_OK)
        ret = rv;
    }

  return ret;
}

static CK_RV
test_wait_for_slot_event (CK_FLAGS       flags,
                          CK_SLOT_ID_PTR slot,
                          CK_VOID_PTR    reserved)
{
  return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_RV
test_not_supported (void)
{
  return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_FUNCTION_LIST function_list;

CK_RV
C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list)
{
  CK_VOID_PTR *slots;
  size_t n_slots;

  if (list == NULL)
    return CKR_ARGUMENTS_BAD;

  maybe_hang ("C_GetFunctionList");

  /* Every entry after the version defaults to "not supported"; the few this
   * module implements are filled in below. */
  slots = (CK_VOID_PTR *)&function_list.C_Initialize;
  n_slots = (sizeof function_list - offsetof (CK_FUNCTION_LIST, C_Initialize)) / sizeof (CK_VOID_PTR);
  for (size_t i = 0; i < n_slots; i++)
    slots[i] = (CK_VOID_PTR)test_not_supported;

  function_list.version.major = 2;
  function_list.version.minor = 40;
  function_list.C_Initialize = test_initialize;
  function_list.C_Finalize = test_finalize;
  function_list.C_GetInfo = test_get_info;
  function_list.C_GetFunctionList = C_GetFunctionList;
  function_list.C_GetSlotList = test_get_slot_list;
  function_list.C_GetSlotInfo = test_get_slot_info;
  function_list.C_GetTokenInfo = test_get_token_info;
  function_list.C_OpenSession = test_open_session;
  function_list.C_CloseSession = test_close_session;
  function_list.C_FindObjectsInit = test_find_objects_init;
  function_list.C_FindObjects = test_find_objects;
  function_list.C_FindObjectsFinal = test_find_objects_final;
  function_list.C_GetAttributeValue = test_get_attribute_value;
  function_list.C_WaitForSlotEvent = test_wait_for_slot_event;

  *list = &function_list;
  return CKR_OK;
}
