/* test-assistant.c
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

#include <adwaita.h>

#include "pkio-assistant.h"
#include "pkio-page.h"
#include "pkio-test-ui.h"

/* A page whose apply the test controls: it completes when the test says so,
 * with the result the test chose. */

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, PkioPage)

struct _TestPage
{
  PkioPage  parent_instance;
  GTask    *pending;
  guint     applied;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, PKIO_TYPE_PAGE)

static void
test_page_apply_async (PkioPage            *page,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TestPage *self = TEST_PAGE (page);

  g_assert_null (self->pending);
  self->applied++;
  self->pending = g_task_new (self, cancellable, callback, user_data);
  /* A GTask returns G_IO_ERROR_CANCELLED, whatever the page says, once its
   * cancellable fired (check-cancellable): that is what real pages rely on. */
}

static gboolean
test_page_apply_finish (PkioPage      *page,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_page_finalize (GObject *object)
{
  TestPage *self = TEST_PAGE (object);

  g_assert_null (self->pending);

  G_OBJECT_CLASS (test_page_parent_class)->finalize (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_page_finalize;
  PKIO_PAGE_CLASS (klass)->page_id = "test";
  PKIO_PAGE_CLASS (klass)->apply_async = test_page_apply_async;
  PKIO_PAGE_CLASS (klass)->apply_finish = test_page_apply_finish;
}

static void
test_page_init (TestPage *self)
{
}

static TestPage *
test_page_new (const char *title)
{
  return g_object_new (TEST_TYPE_PAGE, "title", title, NULL);
}

static void
test_page_finish_apply (TestPage *self,
                        GError   *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pending);

  g_assert_nonnull (task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  PkioAssistant *assistant;
  TestPage      *pages[3];
  GError        *failure;
  guint          failures;
} Fixture;

static void
apply_failed_cb (PkioAssistant *assistant,
                 PkioPage      *page,
                 GError        *error,
                 Fixture       *fixture)
{
  fixture->failures++;
  g_clear_error (&fixture->failure);
  fixture->failure = g_error_copy (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->assistant = g_object_ref_sink (pkio_assistant_new ());
  g_signal_connect (fixture->assistant, "apply-failed", G_CALLBACK (apply_failed_cb), fixture);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->pages); i++)
    {
      g_autofree char *title = g_strdup_printf ("Page %u", i);

      fixture->pages[i] = g_object_ref (test_page_new (title));
      pkio_assistant_add_page (fixture->assistant, PKIO_PAGE (fixture->pages[i]));
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->pages); i++)
    g_clear_pointer (&fixture->pages[i]->pending, g_object_unref);

  g_assert_finalize_object (g_steal_pointer (&fixture->assistant));
  iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (fixture->pages); i++)
    g_assert_finalize_object (g_steal_pointer (&fixture->pages[i]));

  g_clear_error (&fixture->failure);
}

static void
test_empty (void)
{
  PkioAssistant *assistant = g_object_ref_sink (pkio_assistant_new ());

  g_assert_null (pkio_assistant_get_current_page (assistant));
  g_assert_null (pkio_assistant_get_title (assistant));
  g_assert_false (pkio_assistant_get_can_go_next (assistant));
  g_assert_false (pkio_assistant_get_can_go_back (assistant));
  g_assert_false (pkio_assistant_get_has_next (assistant));

  /* Asking for a step that is not possible does nothing. */
  pkio_assistant_next (assistant);
  pkio_assistant_back (assistant);

  g_assert_finalize_object (assistant);
}

static void
test_next_follows_complete (Fixture       *fixture,
                            gconstpointer  data)
{
  PkioAssistant *assistant = fixture->assistant;

  g_assert_true (pkio_assistant_get_current_page (assistant) == PKIO_PAGE (fixture->pages[0]));
  g_assert_cmpstr (pkio_assistant_get_title (assistant), ==, "Page 0");
  g_assert_true (pkio_assistant_get_has_next (assistant));
  g_assert_false (pkio_assistant_get_can_go_back (assistant));

  /* An incomplete page cannot be left forward. */
  g_assert_false (pkio_assistant_get_can_go_next (assistant));
  pkio_assistant_next (assistant);
  g_assert_cmpuint (fixture->pages[0]->applied, ==, 0);

  pkio_page_set_complete (PKIO_PAGE (fixture->pages[0]), TRUE);
  g_assert_true (pkio_assistant_get_can_go_next (assistant));

  pkio_page_set_complete (PKIO_PAGE (fixture->pages[0]), FALSE);
  g_assert_false (pkio_assistant_get_can_go_next (assistant));
}

static void
test_apply_then_advance (Fixture       *fixture,
                         gconstpointer  data)
{
  PkioAssistant *assistant = fixture->assistant;
  PkioPage *first = PKIO_PAGE (fixture->pages[0]);

  pkio_page_set_complete (first, TRUE);
  pkio_assistant_next (assistant);

  /* While applying: still on the page, no way forward or back. */
  g_assert_cmpuint (fixture->pages[0]->applied, ==, 1);
  g_assert_true (pkio_page_get_applying (first));
  g_assert_true (pkio_assistant_get_applying (assistant));
  g_assert_false (pkio_assistant_get_can_go_next (assistant));
  g_assert_true (pkio_assistant_get_current_page (assistant) == first);

  /* A second Next while applying does not apply twice. */
  pkio_assistant_next (assistant);
  g_assert_cmpuint (fixture->pages[0]->applied, ==, 1);

  test_page_finish_apply (fixture->pages[0], NULL);
  iterate_until_idle ();

  g_assert_false (pkio_assistant_get_applying (assistant));
  g_assert_true (pkio_assistant_get_current_page (assistant) == PKIO_PAGE (fixture->pages[1]));
  g_assert_cmpstr (pkio_assistant_get_title (assistant), ==, "Page 1");
  g_assert_true (pkio_assistant_get_can_go_back (assistant));

  pkio_assistant_back (assistant);
  g_assert_true (pkio_assistant_get_current_page (assistant) == first);
  g_assert_cmpuint (fixture->failures, ==, 0);
}

static void
test_apply_failure_stays (Fixture       *fixture,
                          gconstpointer  data)
{
  PkioAssistant *assistant = fixture->assistant;
  PkioPage *first = PKIO_PAGE (fixture->pages[0]);

  pkio_page_set_complete (first, TRUE);
  pkio_assistant_next (assistant);
  test_page_finish_apply (fixture->pages[0],
                          g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                                               "The network is unreachable"));
  iterate_until_idle ();

  g_assert_true (pkio_assistant_get_current_page (assistant) == first);
  g_assert_cmpuint (fixture->failures, ==, 1);
  g_assert_error (fixture->failure, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);

  /* The user can try again. */
  g_assert_true (pkio_assistant_get_can_go_next (assistant));
}

static void
test_apply_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  PkioAssistant *assistant = fixture->assistant;
  PkioPage *first = PKIO_PAGE (fixture->pages[0]);

  pkio_page_set_complete (first, TRUE);
  pkio_assistant_next (assistant);
  pkio_assistant_cancel (assistant);
  test_page_finish_apply (fixture->pages[0], NULL);
  iterate_until_idle ();

  /* Cancelled: stays, not reported as a failure, and Next works again. */
  g_assert_true (pkio_assistant_get_current_page (assistant) == first);
  g_assert_cmpuint (fixture->failures, ==, 0);
  g_assert_false (pkio_assistant_get_applying (assistant));
  g_assert_true (pkio_assistant_get_can_go_next (assistant));
}

static void
test_hidden_page_skipped (Fixture       *fixture,
                          gconstpointer  data)
{
  PkioAssistant *assistant = fixture->assistant;
  PkioPage *first = PKIO_PAGE (fixture->pages[0]);
  PkioPage *last = PKIO_PAGE (fixture->pages[2]);

  gtk_widget_set_visible (GTK_WIDGET (fixture->pages[1]), FALSE);

  pkio_page_set_complete (first, TRUE);
  pkio_assistant_next (assistant);
  test_page_finish_apply (fixture->pages[0], NULL);
  iterate_until_idle ();

  g_assert_true (pkio_assistant_get_current_page (assistant) == last);
  g_assert_false (pkio_assistant_get_has_next (assistant));
  g_assert_false (pkio_assistant_get_can_go_next (assistant));

  pkio_assistant_back (assistant);
  g_assert_true (pkio_assistant_get_current_page (assistant) == first);

  /* Hiding the only following page leaves no Next at all. */
  gtk_widget_set_visible (GTK_WIDGET (last), FALSE);
  g_assert_false (pkio_assistant_get_has_next (assistant));
  g_assert_false (pkio_assistant_get_can_go_next (assistant));
}

static void
add_late_page_cb (PkioAssistant *assistant,
                  TestPage     **late)
{
  g_assert_null (*late);
  *late = g_object_ref (test_page_new ("Late"));
  pkio_assistant_add_page (assistant, PKIO_PAGE (*late));
  pkio_assistant_set_more_pages (assistant, FALSE);
}

static void
test_more_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  PkioAssistant *assistant = fixture->assistant;
  PkioPage *last = PKIO_PAGE (fixture->pages[2]);
  TestPage *late = NULL;

  g_signal_connect (assistant, "page-needed", G_CALLBACK (add_late_page_cb), &late);
  pkio_assistant_set_current_page (assistant, last);
  pkio_page_set_complete (last, TRUE);
  g_assert_false (pkio_assistant_get_has_next (assistant));

  /* Steps still to be added: Next is offered past the last page... */
  pkio_assistant_set_more_pages (assistant, TRUE);
  g_assert_true (pkio_assistant_get_has_next (assistant));
  g_assert_true (pkio_assistant_get_can_go_next (assistant));
  g_assert_null (late);

  /* ...and asks for the page when it goes there, only then. */
  pkio_assistant_next (assistant);
  g_assert_null (late);
  test_page_finish_apply (fixture->pages[2], NULL);
  iterate_until_idle ();

  g_assert_nonnull (late);
  g_assert_true (pkio_assistant_get_current_page (assistant) == PKIO_PAGE (late));
  g_assert_false (pkio_assistant_get_has_next (assistant));
  g_assert_true (pkio_assistant_get_can_go_back (assistant));

  /* The assistant holds it now; the teardown finalizes both. */
  g_object_unref (late);
}

int
main (int   argc,
      char *argv[])
{
  pkio_test_ui_init (&argc, &argv);

  g_test_add_func ("/pkio/assistant/empty", test_empty);
  g_test_add ("/pkio/assistant/next-follows-complete", Fixture, NULL,
              fixture_setup, test_next_follows_complete, fixture_teardown);
  g_test_add ("/pkio/assistant/apply-then-advance", Fixture, NULL,
              fixture_setup, test_apply_then_advance, fixture_teardown);
  g_test_add ("/pkio/assistant/apply-failure-stays", Fixture, NULL,
              fixture_setup, test_apply_failure_stays, fixture_teardown);
  g_test_add ("/pkio/assistant/apply-cancel", Fixture, NULL,
              fixture_setup, test_apply_cancel, fixture_teardown);
  g_test_add ("/pkio/assistant/hidden-page-skipped", Fixture, NULL,
              fixture_setup, test_hidden_page_skipped, fixture_teardown);
  g_test_add ("/pkio/assistant/more-pages", Fixture, NULL,
              fixture_setup, test_more_pages, fixture_teardown);

  return g_test_run ();
}
