/* pkio-test-ui.c
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

#include "pkio-test-ui.h"

void
pkio_test_ui_iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * pkio_test_ui_wait_until:
 *
 * Runs the main context until @condition holds or @seconds pass.
 *
 * Returns: whether @condition holds
 */
gboolean
pkio_test_ui_wait_until (PkioTestCondition condition,
                         gpointer          data,
                         guint             seconds)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (seconds, deadline_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (deadline);

  return condition (data);
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/**
 * pkio_test_ui_destroy_and_finalize:
 *
 * Destroys @window and asserts that it is finalized. Windows with async
 * work in flight (a keyring lookup) let go of their last reference when it
 * returns, so this waits for that, within a deadline, rather than assuming
 * it is synchronous.
 */
void
pkio_test_ui_destroy_and_finalize (GtkWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);

  g_assert_true (pkio_test_ui_wait_until (is_cleared, &weak, 5));
}
