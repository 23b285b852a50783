/* test-token-monitor.c
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

#include "config.h"

#include <gnutls/x509.h>

#include "pkio-test-tokens.h"
#include "pkio-token-monitor.h"
#include "pkio-token-private.h"

static PkioTestTokens *tokens;

/* Polls fast so that the tests run in seconds; hot-plug behaviour does not
 * depend on the interval. */
#define POLL_MS 100

static gboolean
monitor_ready (gpointer data)
{
  return pkio_token_monitor_get_ready (data);
}

static PkioTokenMonitor *
new_ready_monitor (const char * const *paths,
                   guint               timeout_ms)
{
  PkioTokenMonitor *monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, timeout_ms);

  g_assert_true (pkio_test_run_until (monitor_ready, monitor, PKIO_TEST_HANG_SECONDS));

  return monitor;
}

static PkioToken *
find_token (PkioTokenMonitor *monitor,
            const char       *label)
{
  GListModel *model = pkio_token_monitor_get_tokens (monitor);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PkioToken) token = g_list_model_get_item (model, i);

      if (g_str_equal (pkio_token_get_label (token), label))
        return token;
    }

  return NULL;
}

static const PkioTokenModuleStatus *
find_module (PkioTokenMonitor *monitor,
             const char       *name,
             GPtrArray       **keep)
{
  *keep = pkio_token_monitor_dup_modules (monitor);

  for (guint i = 0; i < (*keep)->len; i++)
    {
      const PkioTokenModuleStatus *status = g_ptr_array_index (*keep, i);

      if (g_str_equal (status->name, name))
        return status;
    }

  return NULL;
}

static void
finish_monitor (PkioTokenMonitor *monitor)
{
  g_assert_finalize_object (monitor);
  pkio_test_wait_for_threads ();
}

static void
test_softhsm (void)
{
  const char *paths[] = { PKIO_TEST_SOFTHSM_MODULE, NULL };
  PkioTokenMonitor *monitor = new_ready_monitor (paths, 10000);
  g_autoptr(GPtrArray) modules = NULL;
  const PkioTokenModuleStatus *status;
  PkioToken *signing, *empty;
  PkioTokenCertificate *cert;
  GPtrArray *certs;
  gulong min_len, max_len;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) soon = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *usage = NULL;

  status = find_module (monitor, "libsofthsm2", &modules);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, PKIO_TOKEN_MODULE_OK);
  g_assert_null (status->error);
  g_assert_cmpstr (status->description, ==, "Implementation of PKCS11");

  signing = find_token (monitor, PKIO_TEST_SIGNING_LABEL);
  empty = find_token (monitor, PKIO_TEST_EMPTY_LABEL);
  g_assert_nonnull (signing);
  g_assert_nonnull (empty);

  g_assert_cmpstr (pkio_token_get_module_name (signing), ==, "libsofthsm2");
  g_assert_cmpstr (pkio_token_get_manufacturer (signing), ==, "SoftHSM project");
  g_assert_cmpstr (pkio_token_get_model (signing), ==, "SoftHSM v2");
  g_assert_cmpstr (pkio_token_get_serial (signing), ==, tokens->signing_serial);
  g_assert_cmpstr (pkio_token_get_serial (empty), ==, tokens->empty_serial);
  g_assert_cmpstr (pkio_token_get_hardware_version (signing), ==, "2.6");
  g_assert_cmpstr (pkio_token_get_firmware_version (signing), ==, "2.6");
  g_assert_cmpint (pkio_token_get_flags (signing) &
                   (PKIO_TOKEN_FLAG_INITIALIZED | PKIO_TOKEN_FLAG_LOGIN_REQUIRED |
                    PKIO_TOKEN_FLAG_USER_PIN_INITIALIZED), ==,
                   PKIO_TOKEN_FLAG_INITIALIZED | PKIO_TOKEN_FLAG_LOGIN_REQUIRED |
                   PKIO_TOKEN_FLAG_USER_PIN_INITIALIZED);
  g_assert_cmpint (pkio_token_get_flags (signing) & PKIO_TOKEN_FLAG_PROTECTED_AUTH_PATH, ==, 0);
  g_assert_cmpint (pkio_token_get_pin_state (signing), ==, PKIO_TOKEN_PIN_NO_WARNING);
  g_assert_true (pkio_token_get_pin_length (signing, &min_len, &max_len));
  g_assert_cmpuint (min_len, ==, 4);
  g_assert_cmpuint (max_len, ==, 255);
  g_assert_null (pkio_token_get_certificates_error (signing));

  /* The certificate is public: read with no login. The private key is not. */
  certs = pkio_token_get_certificates (signing);
  g_assert_cmpuint (certs->len, ==, 1);
  cert = g_ptr_array_index (certs, 0);
  g_assert_cmpstr (pkio_token_certificate_get_common_name (cert), ==, PKIO_TEST_SIGNER_CN);
  g_assert_cmpstr (pkio_token_certificate_get_subject (cert), ==, "CN=" PKIO_TEST_SIGNER_CN);
  g_assert_cmpstr (pkio_token_certificate_get_issuer (cert), ==, "CN=" PKIO_TEST_SIGNER_CN);
  g_assert_cmpstr (pkio_token_certificate_get_serial (cert), ==, tokens->cert_serial);
  g_assert_cmpstr (pkio_token_certificate_get_label (cert), ==, "Signing");
  g_assert_true (pkio_token_certificate_is_non_repudiation (cert));
  g_assert_cmpuint (pkio_token_certificate_get_key_usage (cert), ==,
                    GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION);
  usage = pkio_token_certificate_dup_key_usage_text (cert);
  g_assert_cmpstr (usage, ==, "digital signature, non-repudiation");

  /* Validity is judged at an injected time. */
  now = g_date_time_add_days (pkio_token_certificate_get_not_before (cert), 1);
  soon = g_date_time_add_days (pkio_token_certificate_get_not_after (cert), -10);
  later = g_date_time_add_days (pkio_token_certificate_get_not_after (cert), 1);
  g_assert_cmpint (pkio_token_certificate_get_validity (cert, now), ==,
                   PKIO_TOKEN_CERTIFICATE_VALID);
  g_assert_cmpint (pkio_token_certificate_get_validity (cert, soon), ==,
                   PKIO_TOKEN_CERTIFICATE_EXPIRING_SOON);
  g_assert_cmpint (pkio_token_certificate_get_validity (cert, later), ==,
                   PKIO_TOKEN_CERTIFICATE_EXPIRED);
  g_assert_true (pkio_token_find_signing_certificate (signing, now) == cert);
  g_assert_true (pkio_token_find_signing_certificate (signing, soon) == cert);
  g_assert_null (pkio_token_find_signing_certificate (signing, later));

  g_assert_cmpuint (pkio_token_get_certificates (empty)->len, ==, 0);
  g_assert_null (pkio_token_find_signing_certificate (empty, now));

  finish_monitor (monitor);
}

typedef struct
{
  PkioTokenMonitor *monitor;
  guint             added;
  guint             removed;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->added += added;
  changes->removed += removed;
}

static gboolean
has_n_tokens_1 (gpointer data)
{
  return g_list_model_get_n_items (data) == 1;
}

static gboolean
has_n_tokens_0 (gpointer data)
{
  return g_list_model_get_n_items (data) == 0;
}

static gboolean
pin_final_try (gpointer data)
{
  g_autoptr(PkioToken) token = g_list_model_get_item (data, 0);

  return token && pkio_token_get_pin_state (token) == PKIO_TOKEN_PIN_FINAL_TRY;
}

static void
test_hotplug (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "hotplug", "present=0\n");
  const char *paths[] = { module, NULL };
  PkioTokenMonitor *monitor = new_ready_monitor (paths, 5000);
  GListModel *model = pkio_token_monitor_get_tokens (monitor);
  Changes changes = { monitor, 0, 0 };
  g_autoptr(PkioToken) token = NULL;
  g_autoptr(PkioToken) replaced = NULL;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  pkio_test_tokens_set_state (module, "present=1\nlabel=Citizen\nserial=5110CC42\n");
  g_assert_true (pkio_test_run_until (has_n_tokens_1, model, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);

  token = g_list_model_get_item (model, 0);
  g_assert_cmpstr (pkio_token_get_label (token), ==, "Citizen");
  g_assert_cmpstr (pkio_token_get_serial (token), ==, "5110CC42");
  g_assert_cmpstr (pkio_token_get_model (token), ==, "eToken 5110 CC");
  g_assert_cmpstr (pkio_token_get_slot_description (token), ==, "PKIo Test Reader");
  g_assert_cmpstr (pkio_token_get_hardware_version (token), ==, "1.2");
  g_assert_cmpstr (pkio_token_get_firmware_version (token), ==, "3.4");
  g_assert_cmpint (pkio_token_get_pin_state (token), ==, PKIO_TOKEN_PIN_NO_WARNING);

  /* A PIN flag changing on the same token replaces its row in place. */
  pkio_test_tokens_set_state (module,
                              "present=1\nlabel=Citizen\nserial=5110CC42\n"
                              "flags=token_initialized,login_required,user_pin_initialized,"
                              "final_try\n");
  g_assert_true (pkio_test_run_until (pin_final_try, model, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  replaced = g_list_model_get_item (model, 0);
  g_assert_cmpstr (pkio_token_pin_state_describe (pkio_token_get_pin_state (replaced)), ==,
                   "One try left: a wrong PIN locks the token; contact DigiCert to unblock it.");

  pkio_test_tokens_set_state (module, "present=0\n");
  g_assert_true (pkio_test_run_until (has_n_tokens_0, model, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (changes.removed, ==, 2);

  g_signal_handlers_disconnect_by_data (model, &changes);
  finish_monitor (monitor);
}

static gsize
n_polls (const char *module)
{
  g_autofree char *path = g_strconcat (module, ".state.calls", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return 0;

  return len;
}

typedef struct
{
  const char *module;
  gsize       n;
} PollCount;

static gboolean
polled_since (gpointer data)
{
  PollCount *count = data;

  return n_polls (count->module) > count->n;
}

/* The module appends to its .calls file on each poll, from the monitor's
 * thread: the file's changes wake the test. */
static void
wait_polled (PollCount *count)
{
  g_autofree char *calls = g_strconcat (count->module, ".state.calls", NULL);
  const char *paths[] = { calls, NULL };

  count->n = n_polls (count->module);
  g_assert_true (pkio_test_run_until_changed (polled_since, count, paths, PKIO_TEST_HANG_SECONDS));
}

static void
test_removal_hysteresis (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "flaky",
                                                         "present=1\nlabel=Flaky\n");
  const char *paths[] = { module, NULL };
  PkioTokenMonitor *monitor = pkio_token_monitor_new_for_modules (paths, 400, 5000);
  GListModel *model = pkio_token_monitor_get_tokens (monitor);
  PollCount count = { module, 0 };

  g_assert_true (pkio_test_run_until (monitor_ready, monitor, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* One poll that misses the token does not remove its row... */
  pkio_test_tokens_set_state (module, "present=0\n");
  wait_polled (&count);
  pkio_test_tokens_set_state (module, "present=1\nlabel=Flaky\n");
  wait_polled (&count);
  wait_polled (&count);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* ...but two in a row do. */
  pkio_test_tokens_set_state (module, "present=0\n");
  g_assert_true (pkio_test_run_until (has_n_tokens_0, model, PKIO_TEST_HANG_SECONDS));

  finish_monitor (monitor);
}

static gboolean
iterate_briefly_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, iterate_briefly_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_pause (void)
{
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "pausable",
                                                         "present=1\nlabel=Pausable\n");
  const char *paths[] = { module, NULL };
  PkioTokenMonitor *monitor = pkio_token_monitor_new_for_modules (paths, 100, 5000);
  PollCount count = { module, 0 };
  gsize paused_at;

  g_assert_true (pkio_test_run_until (monitor_ready, monitor, PKIO_TEST_HANG_SECONDS));

  /* Paused: once the poll under way (if any) has ended, no module is asked
   * again over ten poll intervals. */
  pkio_token_monitor_set_paused (monitor, TRUE);
  iterate_for (300);
  paused_at = n_polls (module);
  iterate_for (1000);
  g_assert_cmpuint (n_polls (module), ==, paused_at);

  /* Resumed: polled again at once, and from then on. */
  pkio_token_monitor_set_paused (monitor, FALSE);
  wait_polled (&count);
  wait_polled (&count);

  finish_monitor (monitor);
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Probe;

static gboolean
probe_tick_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0)
    probe->max_gap = MAX (probe->max_gap, now - probe->last);
  probe->last = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
slow_token_shown (gpointer data)
{
  return find_token (data, "Slow") != NULL;
}

static void
check_slow_module (const char *slow_state,
                   guint       delay_ms)
{
  g_autofree char *slow = pkio_test_tokens_add_module (tokens, "slow", slow_state);
  g_autofree char *good = pkio_test_tokens_add_module (tokens, "good",
                                                       "present=1\nlabel=Good\n");
  const char *paths[] = { slow, good, NULL };
  PkioTokenMonitor *monitor;
  g_autoptr(GPtrArray) modules = NULL;
  const PkioTokenModuleStatus *status;
  Probe probe = { 0, 0 };
  guint probe_id;

  /* A main-loop latency probe: ticks every millisecond at high priority;
   * any blocking work on this thread shows up as a long gap. */
  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_tick_cb, &probe, NULL);

  monitor = new_ready_monitor (paths, 500);

  /* The slow module is reported, and does not hide the good one. */
  g_assert_nonnull (find_token (monitor, "Good"));
  g_assert_null (find_token (monitor, "Slow"));
  status = find_module (monitor, "slow", &modules);
  g_assert_cmpint (status->state, ==, PKIO_TOKEN_MODULE_NOT_RESPONDING);
  g_assert_nonnull (status->error);
  g_clear_pointer (&modules, g_ptr_array_unref);

  /* Once it answers, its token shows up. */
  g_assert_true (pkio_test_run_until (slow_token_shown, monitor, PKIO_TEST_HANG_SECONDS));
  g_assert_nonnull (find_token (monitor, "Good"));

  g_source_remove (probe_id);
  /* A module called on this thread would stall it for its whole delay.
   * A busy machine stalls it too, by some hundred milliseconds (CI: 300),
   * so the bound is the delay itself, not a guess at a quick machine. */
  g_test_message ("largest main-loop gap: %" G_GINT64_FORMAT " us", probe.max_gap);
  g_assert_cmpint (probe.max_gap, <, (gint64) delay_ms * 1000);

  finish_monitor (monitor);
}

static void
test_slow_initialize (void)
{
  check_slow_module ("present=1\nlabel=Slow\ndelay_init_ms=2500\n", 2500);
}

static void
test_slow_slot_list (void)
{
  check_slow_module ("present=1\nlabel=Slow\ndelay_slotlist_ms=1500\n", 1500);
}

static void
check_failing_module (const char *bad_state,
                      const char *function)
{
  g_autofree char *bad = pkio_test_tokens_add_module (tokens, "bad", bad_state);
  g_autofree char *good = pkio_test_tokens_add_module (tokens, "good",
                                                       "present=1\nlabel=Good\n");
  const char *paths[] = { bad, good, NULL };
  PkioTokenMonitor *monitor = new_ready_monitor (paths, 5000);
  g_autoptr(GPtrArray) modules = NULL;
  const PkioTokenModuleStatus *status;

  g_assert_nonnull (find_token (monitor, "Good"));
  g_assert_cmpuint (g_list_model_get_n_items (pkio_token_monitor_get_tokens (monitor)), ==, 1);

  status = find_module (monitor, "bad", &modules);
  g_assert_cmpint (status->state, ==, PKIO_TOKEN_MODULE_FAILED);
  g_assert_nonnull (strstr (status->error, function));
  g_assert_nonnull (strstr (status->error, "0x30"));   /* CKR_DEVICE_ERROR */
  g_assert_cmpuint (status->n_tokens, ==, 0);

  finish_monitor (monitor);
}

static void
test_failing_initialize (void)
{
  check_failing_module ("present=1\nlabel=Bad\nfail_init=1\n", "C_Initialize");
}

static void
test_failing_slot_list (void)
{
  check_failing_module ("present=1\nlabel=Bad\nfail=1\n", "C_GetSlotList");
}

static void
test_missing_module (void)
{
  g_autofree char *missing = g_build_filename (tokens->dir, "no-such-module.so", NULL);
  const char *paths[] = { missing, NULL };
  PkioTokenMonitor *monitor = new_ready_monitor (paths, 5000);
  g_autoptr(GPtrArray) modules = NULL;
  const PkioTokenModuleStatus *status;

  status = find_module (monitor, "no-such-module", &modules);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, PKIO_TOKEN_MODULE_FAILED);
  g_assert_nonnull (status->error);

  finish_monitor (monitor);
}

static void
test_test_module_certificate (void)
{
  g_autofree char *state = g_strdup_printf ("present=1\nlabel=WithCert\ncert=%s\n",
                                            tokens->cert_der);
  g_autofree char *module = pkio_test_tokens_add_module (tokens, "withcert", state);
  const char *paths[] = { module, NULL };
  PkioTokenMonitor *monitor = new_ready_monitor (paths, 5000);
  PkioToken *token = find_token (monitor, "WithCert");
  PkioTokenCertificate *cert;

  g_assert_nonnull (token);
  g_assert_cmpuint (pkio_token_get_certificates (token)->len, ==, 1);
  cert = g_ptr_array_index (pkio_token_get_certificates (token), 0);
  g_assert_cmpstr (pkio_token_certificate_get_label (cert), ==, "Test signing certificate");
  g_assert_true (pkio_token_certificate_is_non_repudiation (cert));

  finish_monitor (monitor);
}

typedef struct
{
  CK_FLAGS          flags;
  gboolean          module_reports;
  gboolean          locked_seen;
  PkioTokenPinState state;
} PinCase;

static const PinCase pin_cases[] = {
  /* Nothing about the user PIN at all: not reported, never "OK". */
  { 0, TRUE, FALSE, PKIO_TOKEN_PIN_NOT_REPORTED },
  { CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED, TRUE, FALSE, PKIO_TOKEN_PIN_NOT_REPORTED },
  { CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED, TRUE, FALSE, PKIO_TOKEN_PIN_NO_WARNING },
  /* user-pin-initialized from a module not known to keep the flags
   * current (OpenSC on a card it cannot ask): no guess. */
  { CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED, FALSE, FALSE, PKIO_TOKEN_PIN_NOT_REPORTED },
  { CKF_USER_PIN_INITIALIZED, FALSE, TRUE, PKIO_TOKEN_PIN_LOCKED },
  { CKF_USER_PIN_INITIALIZED | CKF_USER_PIN_TO_BE_CHANGED, TRUE, FALSE, PKIO_TOKEN_PIN_TO_BE_CHANGED },
  { CKF_USER_PIN_INITIALIZED | CKF_USER_PIN_COUNT_LOW, FALSE, FALSE, PKIO_TOKEN_PIN_COUNT_LOW },
  { CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY, TRUE, FALSE, PKIO_TOKEN_PIN_FINAL_TRY },
  { CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED, TRUE, FALSE, PKIO_TOKEN_PIN_LOCKED },
  { CKF_USER_PIN_LOCKED, FALSE, FALSE, PKIO_TOKEN_PIN_LOCKED },
};

static void
test_pin_state (gconstpointer data)
{
  const PinCase *c = data;
  CK_TOKEN_INFO info;
  g_autoptr(PkioToken) token = NULL;

  memset (&info, ' ', sizeof info);
  info.flags = c->flags;
  info.ulMinPinLen = CK_UNAVAILABLE_INFORMATION;
  info.ulMaxPinLen = CK_UNAVAILABLE_INFORMATION;
  info.hardwareVersion.major = info.hardwareVersion.minor = 0;
  info.firmwareVersion.major = info.firmwareVersion.minor = 0;

  token = _pkio_token_new ("test", 1, NULL, &info, NULL, NULL);
  _pkio_token_set_pin_reporting (token, c->module_reports, c->locked_seen);
  g_assert_cmpint (pkio_token_get_pin_state (token), ==, c->state);
  g_assert_nonnull (pkio_token_pin_state_describe (c->state));
  g_assert_false (pkio_token_get_pin_length (token, NULL, NULL));
  g_assert_null (pkio_token_get_hardware_version (token));
  g_assert_cmpstr (pkio_token_get_label (token), ==, "");
}

static gboolean
has_token_cb (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

typedef struct
{
  const char *entry_point;
  const char *label;
} HangCase;

static const HangCase hang_cases[] = {
  { "C_GetFunctionList", "GetFunctionList" },
  { "C_Initialize", "Initialize" },
  { "C_GetInfo", "GetInfo" },
  { "C_GetSlotList", "GetSlotList" },
  { "C_GetTokenInfo", "GetTokenInfo" },
  { "C_OpenSession", "OpenSession" },
  { "C_FindObjects", "FindObjects" },
};

/* A module that never answers, in whichever entry point, is reported by
 * name, and the other module's token is listed all the same. Before the
 * fix, one stuck in C_GetFunctionList held p11-kit's global lock and no
 * module was ever listed. */
static void
test_hang (gconstpointer data)
{
  const HangCase *c = data;
  g_autofree char *good_name = g_strdup_printf ("good-%s", c->label);
  g_autofree char *stuck_name = g_strdup_printf ("stuck-%s", c->label);
  g_autofree char *stuck_state = g_strdup_printf ("present=1\nlabel=Stuck\ncert=%s\nhang=%s\n",
                                                  tokens->cert_der, c->entry_point);
  g_autofree char *good = pkio_test_tokens_add_module (tokens, good_name,
                                                      "present=1\nlabel=Good\n");
  g_autofree char *stuck = pkio_test_tokens_add_module (tokens, stuck_name, stuck_state);
  const char *paths[] = { stuck, good, NULL };
  PkioTokenMonitor *monitor = new_ready_monitor (paths, 1000);
  g_autoptr(GPtrArray) modules = NULL;
  const PkioTokenModuleStatus *status;

  g_assert_nonnull (find_token (monitor, "Good"));
  g_assert_null (find_token (monitor, "Stuck"));

  status = find_module (monitor, stuck_name, &modules);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, PKIO_TOKEN_MODULE_NOT_RESPONDING);
  g_assert_nonnull (status->error);
  status = find_module (monitor, good_name, &modules);
  g_assert_cmpint (status->state, ==, PKIO_TOKEN_MODULE_OK);

  /* Let the stuck thread go, so that the test ends with no thread left. */
  pkio_test_tokens_set_state (stuck, "present=0\n");
  finish_monitor (monitor);
}

/* The tokens of the modules that answered are listed while another module
 * has still to: the first list does not wait for the slowest. */
static void
test_tokens_before_slowest (void)
{
  g_autofree char *good = pkio_test_tokens_add_module (tokens, "first",
                                                      "present=1\nlabel=First\n");
  g_autofree char *slow = pkio_test_tokens_add_module (tokens, "slowest",
                                                      "present=1\nlabel=Slowest\n"
                                                      "hang=C_GetSlotList\n");
  const char *paths[] = { slow, good, NULL };
  PkioTokenMonitor *monitor = pkio_token_monitor_new_for_modules (paths, POLL_MS, 60000);
  GListModel *model = pkio_token_monitor_get_tokens (monitor);

  g_assert_true (pkio_test_run_until (has_token_cb, model, PKIO_TEST_HANG_SECONDS));
  g_assert_false (pkio_token_monitor_get_ready (monitor));
  g_assert_nonnull (find_token (monitor, "First"));

  pkio_test_tokens_set_state (slow, "present=1\nlabel=Slowest\n");
  g_assert_true (pkio_test_run_until (monitor_ready, monitor, PKIO_TEST_HANG_SECONDS));
  finish_monitor (monitor);
}

static PkioTokenCertificate *
load_certificate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) der = NULL;
  gsize len;
  PkioTokenCertificate *cert;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  der = g_bytes_new (data, len);
  cert = pkio_token_certificate_new_from_der (der, NULL, &error);
  g_assert_no_error (error);

  return cert;
}

/* Qualified only with QcCompliance and QcSSCD, and never once expired. */
static void
test_qualified (void)
{
  g_autoptr(PkioTokenCertificate) qualified = load_certificate (tokens->cert_der);
  g_autoptr(PkioTokenCertificate) plain = load_certificate (tokens->plain_cert_der);
  g_autoptr(PkioTokenCertificate) expired = load_certificate (tokens->expired_cert_der);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) in_2019 = g_date_time_new_utc (2019, 6, 1, 0, 0, 0);
  g_auto(GStrv) names = pkio_token_certificate_dup_key_usage_names (plain);
  gboolean compliance, sscd;

  g_assert_true (pkio_token_certificate_is_qualified (qualified, now));
  pkio_token_certificate_get_qc_statements (qualified, &compliance, &sscd);
  g_assert_true (compliance && sscd);

  g_assert_true (pkio_token_certificate_is_non_repudiation (plain));
  g_assert_false (pkio_token_certificate_is_qualified (plain, now));
  pkio_token_certificate_get_qc_statements (plain, &compliance, &sscd);
  g_assert_false (compliance || sscd);

  g_assert_false (pkio_token_certificate_is_qualified (expired, now));
  g_assert_true (pkio_token_certificate_is_qualified (expired, in_2019));

  g_assert_nonnull (names);
  g_assert_cmpstr (names[0], ==, "digitalSignature");
  g_assert_cmpstr (names[1], ==, "nonRepudiation");
  g_assert_null (names[2]);
}

static void
test_bad_certificate (void)
{
  g_autoptr(GBytes) der = g_bytes_new_static ("not a certificate", 17);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioTokenCertificate) cert = NULL;

  cert = pkio_token_certificate_new_from_der (der, "x", &error);
  g_assert_null (cert);
  g_assert_error (error, PKIO_TOKEN_ERROR, PKIO_TOKEN_ERROR_BAD_CERTIFICATE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tokens = pkio_test_tokens_setup ();

  for (guint i = 0; i < G_N_ELEMENTS (pin_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pkio/token/pin-state/%u", i);

      g_test_add_data_func (path, &pin_cases[i], test_pin_state);
    }
  g_test_add_func ("/pkio/token-certificate/bad-der", test_bad_certificate);
  g_test_add_func ("/pkio/token-certificate/qualified", test_qualified);
  g_test_add_func ("/pkio/token-monitor/softhsm", test_softhsm);
  g_test_add_func ("/pkio/token-monitor/test-module-certificate", test_test_module_certificate);
  g_test_add_func ("/pkio/token-monitor/hotplug", test_hotplug);
  g_test_add_func ("/pkio/token-monitor/removal-hysteresis", test_removal_hysteresis);
  g_test_add_func ("/pkio/token-monitor/pause", test_pause);
  g_test_add_func ("/pkio/token-monitor/slow-initialize", test_slow_initialize);
  g_test_add_func ("/pkio/token-monitor/slow-slot-list", test_slow_slot_list);
  g_test_add_func ("/pkio/token-monitor/failing-initialize", test_failing_initialize);
  g_test_add_func ("/pkio/token-monitor/failing-slot-list", test_failing_slot_list);
  g_test_add_func ("/pkio/token-monitor/missing-module", test_missing_module);
  for (guint i = 0; i < G_N_ELEMENTS (hang_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pkio/token-monitor/hang/%s",
                                               hang_cases[i].entry_point);

      g_test_add_data_func (path, &hang_cases[i], test_hang);
    }
  g_test_add_func ("/pkio/token-monitor/tokens-before-slowest", test_tokens_before_slowest);

  ret = g_test_run ();

  pkio_test_wait_for_threads ();
  pkio_test_tokens_free (tokens);

  return ret;
}
