/* test-desk-open.c
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

#include <errno.h>

#include "pkio-desk.h"
#include "pkio-store-private.h"
#include "pkio-test-utils.h"

/* PkioDesk opens the order book once for everyone who asks: the
 * application's window and, later, another one share it. It also keeps
 * the idle count and decides when the windows clear for the next
 * applicant; here the tests answer for the windows, with "minutes" of a
 * few milliseconds. Clearing itself is the desk's too: what is kept as a
 * draft, and what leaves the order. */

typedef struct
{
  char         *data_home;
  PkioSettings *settings;
  PkioAccount  *account;
  PkioDesk     *desk;

  /* What the windows answer when the desk asks */
  gboolean      shown;
  gboolean      applying;
  guint         n_shown_queries;
  guint         n_applying_queries;
  /* What the desk said, in order: w(arning), d(ismissed), c(lear) */
  GString      *said;
  guint         seconds;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = pkio_settings_new (NULL);
  /* Nothing listens there: nothing is ever sent. */
  pkio_settings_override_api_base_url (f->settings, "http://127.0.0.1:9/services/v2");
  f->account = pkio_account_new_for_settings (f->settings);
  f->desk = pkio_desk_new (NULL, f->settings, f->account);
  f->said = g_string_new (NULL);
}

/* The desk, and with it the store and the book, let go of the settings. */
static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* The memory backend keeps the setting for the next test. */
  pkio_settings_set_idle_clear_minutes (f->settings, 0);
  g_string_free (f->said, TRUE);
  pkio_test_assert_finalized (&f->desk);
  pkio_test_assert_finalized (&f->account);
  pkio_test_assert_finalized (&f->settings);
}

static void
test_open_once (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;
  PkioOrderBook *book;

  g_assert_null (pkio_desk_get_order_book (f->desk));

  /* The book is there from the first call, for its "problems"; a second
   * caller while it opens waits for the same opening. */
  pkio_desk_open_async (f->desk, NULL, pkio_test_result_cb, &first);
  book = pkio_desk_get_order_book (f->desk);
  g_assert_nonnull (book);
  pkio_desk_open_async (f->desk, NULL, pkio_test_result_cb, &second);
  g_assert_true (pkio_desk_get_order_book (f->desk) == book);
  g_assert_false (pkio_desk_get_opened (f->desk));

  g_assert_true (pkio_desk_open_finish (f->desk, pkio_test_wait_result (&first), &error));
  g_assert_no_error (error);
  g_assert_true (pkio_desk_open_finish (f->desk, pkio_test_wait_result (&second), &error));
  g_assert_no_error (error);
  g_assert_true (pkio_desk_get_opened (f->desk));
  g_assert_true (pkio_order_book_get_loaded (book));

  /* Opened: a later caller gets the same book at once. */
  pkio_desk_open_async (f->desk, NULL, pkio_test_result_cb, &again);
  g_assert_true (pkio_desk_open_finish (f->desk, pkio_test_wait_result (&again), &error));
  g_assert_no_error (error);
  g_assert_true (pkio_desk_get_order_book (f->desk) == book);
}

static void
test_cancelled_opens_again (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;

  /* The window that asked first closes while the book opens. */
  pkio_desk_open_async (f->desk, cancellable, pkio_test_result_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  g_assert_false (pkio_desk_open_finish (f->desk, pkio_test_wait_result (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (pkio_desk_get_opened (f->desk));
  g_assert_null (pkio_desk_get_order_book (f->desk));

  /* The next one opens it afresh. */
  pkio_desk_open_async (f->desk, NULL, pkio_test_result_cb, &again);
  g_assert_true (pkio_desk_open_finish (f->desk, pkio_test_wait_result (&again), &error));
  g_assert_no_error (error);
  g_assert_true (pkio_desk_get_opened (f->desk));
}

/* Idle clearing */

static gboolean
query_shown_cb (PkioDesk *desk,
                Fixture  *f)
{
  f->n_shown_queries++;
  return f->shown;
}

static gboolean
query_applying_cb (PkioDesk *desk,
                   Fixture  *f)
{
  f->n_applying_queries++;
  return f->applying;
}

static void
idle_warning_cb (PkioDesk *desk,
                 guint     seconds,
                 Fixture  *f)
{
  g_assert_true (pkio_desk_get_idle_warning (desk));
  f->seconds = seconds;
  g_string_append_c (f->said, 'w');
}

static void
idle_warning_dismissed_cb (PkioDesk *desk,
                           Fixture  *f)
{
  g_assert_false (pkio_desk_get_idle_warning (desk));
  g_string_append_c (f->said, 'd');
}

static void
clear_cb (PkioDesk *desk,
          Fixture  *f)
{
  g_string_append_c (f->said, 'c');
  /* As a window does: nothing of anyone left on screen. */
  f->shown = FALSE;
}

/* Answers for a window, with minutes of 20 ms: clearing after 40 ms
 * without use, warning 10 ms before. */
static void
watch_idle (Fixture *f)
{
  g_signal_connect (f->desk, "query-applicant-shown", G_CALLBACK (query_shown_cb), f);
  g_signal_connect (f->desk, "query-applying", G_CALLBACK (query_applying_cb), f);
  g_signal_connect (f->desk, "idle-warning", G_CALLBACK (idle_warning_cb), f);
  g_signal_connect (f->desk, "idle-warning-dismissed", G_CALLBACK (idle_warning_dismissed_cb), f);
  g_signal_connect (f->desk, "clear-for-next-applicant", G_CALLBACK (clear_cb), f);
  pkio_desk_set_idle_unit (f->desk, 20);
  pkio_settings_set_idle_clear_minutes (f->settings, 2);
}

static void
wait_said (Fixture    *f,
           const char *expected)
{
  while (f->said->len < strlen (expected))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (f->said->str, ==, expected);
}

static void
wait_count (guint *count,
            guint  at_least)
{
  while (*count < at_least)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_idle_warns_then_clears (Fixture       *f,
                             gconstpointer  data)
{
  guint asked;

  f->shown = TRUE;
  watch_idle (f);

  /* A warning first, with the details still there. */
  wait_said (f, "w");
  g_assert_cmpuint (f->seconds, >=, 1);
  g_assert_true (pkio_desk_get_idle_warning (f->desk));

  /* No one comes: the warning goes and the windows clear. */
  wait_said (f, "wdc");
  g_assert_false (pkio_desk_get_idle_warning (f->desk));

  /* Cleared, nothing of anyone on screen: the desk looks again, twice,
   * and has nothing to warn about. */
  asked = f->n_shown_queries;
  wait_count (&f->n_shown_queries, asked + 2);
  g_assert_cmpstr (f->said->str, ==, "wdc");
}

static void
test_idle_activity_starts_over (Fixture       *f,
                                gconstpointer  data)
{
  f->shown = TRUE;
  watch_idle (f);
  wait_said (f, "w");

  /* Someone touches a key: the warning goes at once, nothing is cleared,
   * and the count starts over (a new warning before any clearing). */
  pkio_desk_note_activity (f->desk);
  g_assert_cmpstr (f->said->str, ==, "wd");
  g_assert_false (pkio_desk_get_idle_warning (f->desk));

  wait_said (f, "wdwdc");
}

static void
test_idle_nothing_shown (Fixture       *f,
                         gconstpointer  data)
{
  /* An empty window: the desk asks, period after period, and never warns. */
  f->shown = FALSE;
  watch_idle (f);
  wait_count (&f->n_shown_queries, 3);
  g_assert_cmpstr (f->said->str, ==, "");

  /* Activity with no warning shown says nothing either. */
  pkio_desk_note_activity (f->desk);
  g_assert_cmpstr (f->said->str, ==, "");
}

static void
test_idle_applying (Fixture       *f,
                    gconstpointer  data)
{
  /* An order being placed is not cleared from under it, nor warned about. */
  f->shown = TRUE;
  f->applying = TRUE;
  watch_idle (f);
  wait_count (&f->n_applying_queries, 3);
  g_assert_cmpstr (f->said->str, ==, "");

  /* Done applying: the warning comes. An apply starting while it shows
   * takes the warning away instead of the clearing. */
  f->applying = FALSE;
  wait_said (f, "w");
  f->applying = TRUE;
  wait_said (f, "wd");

  /* Once it is done, the time already past counts: warned, then cleared. */
  f->applying = FALSE;
  wait_said (f, "wdwdc");
}

static void
test_idle_turned_off (Fixture       *f,
                      gconstpointer  data)
{
  f->shown = TRUE;
  watch_idle (f);
  wait_said (f, "w");

  /* Turned off in Preferences while warning: the warning goes. */
  pkio_settings_set_idle_clear_minutes (f->settings, 0);
  wait_said (f, "wd");
  g_assert_false (pkio_desk_get_idle_warning (f->desk));
}

/* Clearing for the next applicant */

static void
open_desk (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_desk_open_async (f->desk, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_desk_open_finish (f->desk, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static PkioDraftStore *
drafts_of (Fixture *f)
{
  return pkio_order_book_get_drafts (pkio_desk_get_order_book (f->desk));
}

static guint
count_drafts (Fixture *f)
{
  g_autoptr(GPtrArray) drafts = pkio_draft_store_dup_drafts (drafts_of (f));

  return drafts->len;
}

/* Nothing of the applicant is left, and above all not the card; the
 * desk's choices stay, and the order is another one. */
static void
assert_cleared (PkioOrder  *order,
                const char *identity)
{
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_NUMBER));
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_CVV));
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME));
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_LAST_NAME));
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_EMAIL));
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_SHIP_ADDR1));
  g_assert_false (pkio_order_names_applicant (order));
  g_assert_cmpint (pkio_order_get_payment_method (order), ==, PKIO_PAYMENT_METHOD_CARD);
  g_assert_cmpstr (pkio_order_get_identity (order), !=, identity);
}

/* Clears @order as a window does (@cancel: and closes at once), checks
 * that the applicant left it before the call returned, and waits for the
 * report. */
static gboolean
clear_applicant (Fixture     *f,
                 PkioOrder   *order,
                 const char  *draft_id,
                 const char  *step,
                 gboolean     cancel,
                 GError     **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *identity = g_strdup (pkio_order_get_identity (order));
  g_autoptr(GAsyncResult) result = NULL;

  pkio_desk_clear_applicant_async (f->desk, order, draft_id, step, cancellable,
                                   pkio_test_result_cb, &result);
  if (cancel)
    g_cancellable_cancel (cancellable);
  /* At once, before any draft is on disk: the next applicant may look. */
  assert_cleared (order, identity);

  return pkio_desk_clear_applicant_finish (f->desk, pkio_test_wait_result (&result), error);
}

static void
test_clear_keeps_draft (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autofree char *identity = g_strdup (pkio_order_get_identity (order));
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrder) saved = NULL;
  g_autofree char *id = NULL;
  const PkioDraft *draft;

  open_desk (f);
  g_assert_nonnull (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_NUMBER));
  g_assert_nonnull (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_CVV));
  g_assert_true (pkio_desk_can_keep_draft (f->desk, order));

  /* The window had a save scheduled, from an earlier step: the one made
   * now replaces it, with the step reached. */
  id = pkio_draft_store_create_id (drafts_of (f));
  pkio_draft_store_schedule_save (drafts_of (f), id, order, "applicant");
  g_assert_true (clear_applicant (f, order, id, "payment", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (pkio_draft_store_has_pending (drafts_of (f)));

  /* The draft is the order as it was, without the card's secrets. */
  draft = pkio_draft_store_lookup (drafts_of (f), id);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->step, ==, "payment");
  g_assert_cmpstr (draft->identity, ==, identity);
  saved = pkio_draft_store_dup_order (drafts_of (f), id, NULL);
  g_assert_cmpstr (pkio_order_get_text (saved, PKIO_ORDER_TEXT_LAST_NAME), ==, "de Vries");
  g_assert_cmpstr (pkio_order_get_text (saved, PKIO_ORDER_TEXT_SHIP_ADDR1), ==, "Oude Delft 1");
  g_assert_null (pkio_order_get_text (saved, PKIO_ORDER_TEXT_CARD_NUMBER));
  g_assert_null (pkio_order_get_text (saved, PKIO_ORDER_TEXT_CARD_CVV));
}

static void
test_clear_new_draft_id (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autofree char *identity = g_strdup (pkio_order_get_identity (order));
  g_autoptr(GError) error = NULL;
  guint before;

  /* No draft yet (the autosave delay had not passed): one is made. */
  open_desk (f);
  before = count_drafts (f);
  g_assert_true (clear_applicant (f, order, NULL, "shipping", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_drafts (f), ==, before + 1);
  g_assert_cmpstr (pkio_draft_store_get_latest (drafts_of (f))->identity, ==, identity);
}

/* Cleared, and no draft kept nor reported. */
static void
clear_keeping_none (Fixture    *f,
                    PkioOrder  *order,
                    const char *step)
{
  g_autoptr(GError) error = NULL;
  guint before = pkio_desk_get_opened (f->desk) ? count_drafts (f) : 0;

  g_assert_false (clear_applicant (f, order, NULL, step, FALSE, &error));
  g_assert_no_error (error);
  if (pkio_desk_get_opened (f->desk))
    g_assert_cmpuint (count_drafts (f), ==, before);
}

static void
test_clear_keeps_none (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(PkioOrder) nameless = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(PkioOrder) placed = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(PkioOrder) queued = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);

  /* The drafts are not loaded yet: nowhere to keep it, and it is cleared
   * all the same. */
  g_assert_false (pkio_desk_can_keep_draft (f->desk, order));
  clear_keeping_none (f, order, "payment");

  /* Only a card, an address: whom it was for is not said, so no one
   * could pick it up again. */
  open_desk (f);
  g_object_set (nameless, "first-name", NULL, "last-name", NULL, "email", NULL, NULL);
  g_assert_false (pkio_desk_can_keep_draft (f->desk, nameless));
  clear_keeping_none (f, nameless, "payment");

  /* Placed, its result on screen: not in progress. */
  g_assert_true (pkio_desk_can_keep_draft (f->desk, placed));
  clear_keeping_none (f, placed, NULL);

  /* In the outbox already, though its page was left on screen: a draft
   * of it would invite placing it twice, and none is said to be kept. */
  pkio_draft_store_close_identity (drafts_of (f), pkio_order_get_identity (queued));
  clear_keeping_none (f, queued, "review");
}

static void
test_clear_save_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(GError) error = NULL;
  PkioStore *store;

  /* Without the keyring the store is in memory, where no write fails. */
  if (!pkio_test_in_harness ())
    return;

  open_desk (f);
  store = pkio_order_book_get_store (pkio_desk_get_order_book (f->desk));
  g_assert_true (pkio_store_get_persistent (store));
  _pkio_store_fail_writes (store, ENOSPC, 0);

  /* The disk is full: the order is cleared all the same (the applicant
   * is gone), and the report says the draft was not saved, and why. */
  g_assert_false (clear_applicant (f, order, NULL, "payment", FALSE, &error));
  g_assert_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Free some disk space"));
  _pkio_store_fail_writes (store, 0, 0);
}

static void
test_clear_cancelled_still_keeps (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* The window closes at once: it hears nothing, and the draft is kept. */
  open_desk (f);
  id = pkio_draft_store_create_id (drafts_of (f));
  g_assert_false (clear_applicant (f, order, id, "review", TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (pkio_draft_store_lookup (drafts_of (f), id));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("pkio-desk-open-XXXXXX", NULL);
  int status;

  /* A data folder of its own: the desk opens the default store. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pkio/desk/open-once", Fixture, NULL,
              fixture_setup, test_open_once, fixture_teardown);
  g_test_add ("/pkio/desk/cancelled-opens-again", Fixture, NULL,
              fixture_setup, test_cancelled_opens_again, fixture_teardown);
  g_test_add ("/pkio/desk/idle/warns-then-clears", Fixture, NULL,
              fixture_setup, test_idle_warns_then_clears, fixture_teardown);
  g_test_add ("/pkio/desk/idle/activity-starts-over", Fixture, NULL,
              fixture_setup, test_idle_activity_starts_over, fixture_teardown);
  g_test_add ("/pkio/desk/idle/nothing-shown", Fixture, NULL,
              fixture_setup, test_idle_nothing_shown, fixture_teardown);
  g_test_add ("/pkio/desk/idle/applying", Fixture, NULL,
              fixture_setup, test_idle_applying, fixture_teardown);
  g_test_add ("/pkio/desk/idle/turned-off", Fixture, NULL,
              fixture_setup, test_idle_turned_off, fixture_teardown);
  g_test_add ("/pkio/desk/clear/keeps-draft", Fixture, NULL,
              fixture_setup, test_clear_keeps_draft, fixture_teardown);
  g_test_add ("/pkio/desk/clear/new-draft-id", Fixture, NULL,
              fixture_setup, test_clear_new_draft_id, fixture_teardown);
  g_test_add ("/pkio/desk/clear/keeps-none", Fixture, NULL,
              fixture_setup, test_clear_keeps_none, fixture_teardown);
  g_test_add ("/pkio/desk/clear/save-fails", Fixture, NULL,
              fixture_setup, test_clear_save_fails, fixture_teardown);
  g_test_add ("/pkio/desk/clear/cancelled-still-keeps", Fixture, NULL,
              fixture_setup, test_clear_cancelled_still_keeps, fixture_teardown);

  status = g_test_run ();
  pkio_test_remove_tree (data_home);
  return status;
}
