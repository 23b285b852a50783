/* test-account.c
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

#include "pkio-test-utils.h"

#include "pkio-account.h"
#include "pkio-client-private.h"
#include "pkio-history.h"
#include "pkio-outbox.h"
#include "pkio-secret-store.h"
#include "pkio-store-private.h"

/* One account: one client for its address and key, whoever asks; a key
 * or an address changed is seen by every user; practice is the account's
 * mode, not the process's. */

#define URL       "http://127.0.0.1:9/services/v2"
#define OTHER_URL "http://127.0.0.1:8/services/v2"
#define SIM_URL   "http://127.0.0.1:7/services/v2"

typedef struct
{
  guint changed;
  guint has_key_notified;
  guint client_notified;
} Counts;

static void
changed_cb (PkioAccount *account,
            Counts      *counts)
{
  counts->changed++;
}

static void
notify_cb (PkioAccount *account,
           GParamSpec  *pspec,
           Counts      *counts)
{
  if (g_str_equal (pspec->name, "has-api-key"))
    counts->has_key_notified++;
  else if (g_str_equal (pspec->name, "client"))
    counts->client_notified++;
}

static void
watch (PkioAccount *account,
       Counts      *counts)
{
  g_signal_connect (account, "changed", G_CALLBACK (changed_cb), counts);
  g_signal_connect (account, "notify", G_CALLBACK (notify_cb), counts);
}

/* An outbox and its history on a throwaway store, as the order book
 * makes them, following @account. */
static PkioOutbox *
outbox_for (PkioAccount  *account,
            PkioStore   **store,
            PkioHistory **history)
{
  PkioOutbox *outbox;

  *store = _pkio_store_new_with_key (NULL, NULL);
  *history = pkio_history_new (*store);
  outbox = pkio_outbox_new (*store, *history);
  pkio_outbox_set_account (outbox, account);

  return outbox;
}

/* The submission, the outbox and the status poller all get the one
 * client, and so the one rate budget of the key. */
static void
test_one_client (void)
{
  PkioAccount *account = pkio_account_new (URL);
  PkioStore *store = NULL;
  PkioHistory *history = NULL;
  PkioOutbox *outbox = outbox_for (account, &store, &history);
  g_autoptr(PkioRateLimiter) shared = NULL;
  PkioClient *client = pkio_account_get_client (account);

  g_assert_nonnull (client);
  g_assert_cmpstr (pkio_account_get_base_url (account), ==, URL);
  g_assert_cmpstr (pkio_client_get_base_url (client), ==, URL);
  g_assert_false (pkio_account_get_has_api_key (account));
  /* No key: the outbox has nothing to send with. */
  g_assert_null (pkio_outbox_get_client (outbox));

  pkio_account_set_api_key (account, "PKIOACCOUNTKEY");
  g_assert_true (pkio_account_get_has_api_key (account));
  g_assert_true (pkio_account_get_client (account) == client);
  g_assert_true (pkio_outbox_get_client (outbox) == client);
  shared = pkio_rate_limiter_get_shared (URL, "PKIOACCOUNTKEY");
  g_assert_true (pkio_client_get_rate_limiter (client) == shared);

  pkio_test_assert_finalized (&outbox);
  pkio_test_assert_finalized (&history);
  pkio_test_assert_finalized (&store);
  pkio_test_assert_finalized (&account);
}

/* A key set, replaced or removed reaches whoever uses the account,
 * without a word to them; the same key again is no change. */
static void
test_key_change_seen (void)
{
  PkioAccount *account = pkio_account_new (URL);
  PkioStore *store = NULL;
  PkioHistory *history = NULL;
  PkioOutbox *outbox = outbox_for (account, &store, &history);
  Counts counts = { 0 };

  watch (account, &counts);
  pkio_account_set_api_key (account, "FIRSTKEY");
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.has_key_notified, ==, 1);
  g_assert_true (_pkio_client_api_key_equals (pkio_outbox_get_client (outbox), "FIRSTKEY"));

  pkio_account_set_api_key (account, "FIRSTKEY");
  g_assert_cmpuint (counts.changed, ==, 1);

  pkio_account_set_api_key (account, "SECONDKEY");
  g_assert_cmpuint (counts.changed, ==, 2);
  g_assert_cmpuint (counts.has_key_notified, ==, 1);
  g_assert_true (_pkio_client_api_key_equals (pkio_outbox_get_client (outbox), "SECONDKEY"));
  g_assert_true (pkio_client_get_rate_limiter (pkio_outbox_get_client (outbox)) ==
                 pkio_client_get_rate_limiter (pkio_account_get_client (account)));

  pkio_account_set_api_key (account, NULL);
  g_assert_cmpuint (counts.changed, ==, 3);
  g_assert_cmpuint (counts.has_key_notified, ==, 2);
  g_assert_null (pkio_outbox_get_client (outbox));
  g_assert_cmpuint (counts.client_notified, ==, 0);

  g_signal_handlers_disconnect_by_data (account, &counts);
  pkio_test_assert_finalized (&outbox);
  pkio_test_assert_finalized (&history);
  pkio_test_assert_finalized (&store);
  pkio_test_assert_finalized (&account);
}

/* Practice is one account's mode: another account, and the outbox that
 * follows it, stay real; leaving practice gives back the same real client. */
static void
test_practice_per_account (void)
{
  PkioAccount *practising = pkio_account_new (URL);
  PkioAccount *real = pkio_account_new (OTHER_URL);
  PkioStore *store = NULL;
  PkioHistory *history = NULL;
  PkioOutbox *outbox = outbox_for (practising, &store, &history);
  PkioStore *real_store = NULL;
  PkioHistory *real_history = NULL;
  PkioOutbox *real_outbox = outbox_for (real, &real_store, &real_history);
  PkioClient *certcentral = pkio_account_get_client (practising);
  PkioClient *practice_client;
  Counts counts = { 0 };

  pkio_account_set_api_key (real, "REALKEY");
  watch (practising, &counts);
  pkio_account_set_practice (practising, SIM_URL);
  g_assert_true (pkio_account_get_practice (practising));
  g_assert_false (pkio_account_get_practice (real));
  g_assert_cmpuint (counts.client_notified, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* The simulator's client, with its key from memory. */
  practice_client = pkio_account_get_client (practising);
  g_assert_true (practice_client != certcentral);
  g_assert_cmpstr (pkio_client_get_base_url (practice_client), ==, SIM_URL);
  g_assert_true (pkio_client_get_practice (practice_client));
  g_assert_true (pkio_account_get_has_api_key (practising));
  g_assert_true (pkio_outbox_get_practice (outbox));
  g_assert_true (pkio_outbox_get_client (outbox) == practice_client);

  /* The other account, and its outbox, are real. */
  g_assert_false (pkio_client_get_practice (pkio_account_get_client (real)));
  g_assert_false (pkio_outbox_get_practice (real_outbox));
  g_assert_cmpstr (pkio_client_get_base_url (pkio_outbox_get_client (real_outbox)), ==, OTHER_URL);

  pkio_account_set_practice (practising, NULL);
  g_assert_false (pkio_account_get_practice (practising));
  g_assert_true (pkio_account_get_client (practising) == certcentral);
  g_assert_false (pkio_outbox_get_practice (outbox));
  g_assert_false (pkio_account_get_has_api_key (practising));
  g_assert_cmpuint (counts.client_notified, ==, 2);

  g_signal_handlers_disconnect_by_data (practising, &counts);
  pkio_test_assert_finalized (&outbox);
  pkio_test_assert_finalized (&history);
  pkio_test_assert_finalized (&store);
  pkio_test_assert_finalized (&real_outbox);
  pkio_test_assert_finalized (&real_history);
  pkio_test_assert_finalized (&real_store);
  pkio_test_assert_finalized (&practising);
  pkio_test_assert_finalized (&real);
}

/* Preferences saves and removes the key through the account: it is in
 * the keyring and in the client at once, and an address changed in the
 * settings gets its own client and its own key. */
static void
test_save_and_follow_settings (void)
{
  g_autoptr(PkioSettings) settings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApiKey) stored = NULL;
  PkioAccount *account;
  PkioClient *first;
  Counts counts = { 0 };

  if (!pkio_test_in_harness ())
    return;

  settings = pkio_settings_new (NULL);
  pkio_settings_override_api_base_url (settings, URL);
  account = pkio_account_new_for_settings (settings);
  first = pkio_account_get_client (account);
  watch (account, &counts);

  pkio_account_save_api_key_async (account, "PKIOSAVEDKEY", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_account_save_api_key_finish (account, pkio_test_wait_result (&result),
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (pkio_account_get_has_api_key (account));
  g_assert_true (_pkio_client_api_key_equals (first, "PKIOSAVEDKEY"));
  g_clear_object (&result);
  pkio_secret_store_lookup_api_key_async (URL, NULL, pkio_test_result_cb, &result);
  stored = pkio_secret_store_lookup_api_key_finish (pkio_test_wait_result (&result), &error);
  g_assert_cmpstr (stored, ==, "PKIOSAVEDKEY");

  /* Another address: another client, without the first address's key
   * (none is stored for it); the first address's key comes back with it. */
  pkio_settings_override_api_base_url (settings, OTHER_URL);
  g_assert_cmpstr (pkio_account_get_base_url (account), ==, OTHER_URL);
  g_assert_cmpstr (pkio_client_get_base_url (pkio_account_get_client (account)), ==, OTHER_URL);
  g_assert_false (pkio_account_get_has_api_key (account));
  g_assert_cmpuint (counts.client_notified, ==, 1);
  pkio_settings_override_api_base_url (settings, URL);
  g_clear_object (&result);
  pkio_account_load_api_key_async (account, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_account_load_api_key_finish (account, pkio_test_wait_result (&result),
                                                   &error));
  g_assert_true (_pkio_client_api_key_equals (pkio_account_get_client (account), "PKIOSAVEDKEY"));

  g_clear_object (&result);
  pkio_account_clear_api_key_async (account, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_account_clear_api_key_finish (account, pkio_test_wait_result (&result),
                                                    &error));
  g_assert_false (pkio_account_get_has_api_key (account));

  /* The last result holds the account as its source. */
  g_clear_object (&result);
  g_signal_handlers_disconnect_by_data (account, &counts);
  pkio_test_assert_finalized (&account);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/account/one-client", test_one_client);
  g_test_add_func ("/pkio/account/key-change-seen", test_key_change_seen);
  g_test_add_func ("/pkio/account/practice-per-account", test_practice_per_account);
  g_test_add_func ("/pkio/account/save-and-follow-settings", test_save_and_follow_settings);

  return g_test_run ();
}
