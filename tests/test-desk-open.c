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

#include "pkio-desk.h"
#include "pkio-test-utils.h"

/* PkioDesk opens the order book once for everyone who asks: the
 * application's window and, later, another one share it. */

typedef struct
{
  char         *data_home;
  PkioSettings *settings;
  PkioAccount  *account;
  PkioDesk     *desk;
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
}

/* The desk, and with it the store and the book, let go of the settings. */
static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
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

  status = g_test_run ();
  pkio_test_remove_tree (data_home);
  return status;
}
