/* pkio-assistant.c
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

#include <glib/gi18n.h>

#include "pkio-assistant.h"

/* The stack of wizard pages and the rules for moving between them, after
 * gnome-initial-setup's GisAssistant: Next is possible when the current page
 * is complete and not applying; Next runs the page's apply and moves on only
 * when it succeeds; invisible pages are skipped. The buttons themselves live
 * in the window's header bar and follow the properties here. */

struct _PkioAssistant
{
  AdwBin        parent_instance;

  /* Template widgets */
  GtkStack     *stack;

  /* Owned references */
  GSignalGroup *page_signals;
  GCancellable *apply_cancellable;
  PkioPage     *return_page;   /* (weak) where Next goes after an edit */
  guint         n_steps;       /* how many steps the wizard has in all */

  /* More steps follow the last page added, added when asked for */
  guint         more_pages : 1;

  /* Derived state, cached so that notifications fire only on change */
  guint         can_go_back : 1;
  guint         can_go_next : 1;
  guint         has_next : 1;
  guint         applying : 1;
};

enum {
  PROP_0,
  PROP_CURRENT_PAGE,
  PROP_TITLE,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_NEXT,
  PROP_HAS_NEXT,
  PROP_APPLYING,
  N_PROPS
};

enum {
  APPLY_FAILED,
  PAGE_NEEDED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PkioAssistant, pkio_assistant, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static PkioPage *
find_visible_sibling (PkioPage *page,
                      gboolean  forward)
{
  GtkWidget *child = GTK_WIDGET (page);

  do
    child = forward ? gtk_widget_get_next_sibling (child) : gtk_widget_get_prev_sibling (child);
  while (child != NULL && !gtk_widget_get_visible (child));

  return child ? PKIO_PAGE (child) : NULL;
}

static void
update_state (PkioAssistant *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self);
  gboolean applying = FALSE;
  gboolean complete = FALSE;
  gboolean has_prev = FALSE;
  gboolean has_next = FALSE;

  g_assert (PKIO_IS_ASSISTANT (self));

  if (page != NULL)
    {
      applying = pkio_page_get_applying (page);
      complete = pkio_page_get_complete (page);
      has_prev = !pkio_page_is_final (page) && find_visible_sibling (page, FALSE) != NULL;
      has_next = find_visible_sibling (page, TRUE) != NULL || self->more_pages;
    }

  g_object_freeze_notify (G_OBJECT (self));

#define UPDATE_BIT(field, value, prop)                                     \
  G_STMT_START {                                                           \
    gboolean v_ = !!(value);                                               \
    if (self->field != v_)                                                 \
      {                                                                    \
        self->field = v_;                                                  \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);      \
      }                                                                    \
  } G_STMT_END

  UPDATE_BIT (applying, applying, PROP_APPLYING);
  UPDATE_BIT (has_next, has_next, PROP_HAS_NEXT);
  UPDATE_BIT (can_go_back, has_prev && !applying, PROP_CAN_GO_BACK);
  UPDATE_BIT (can_go_next, has_next && complete && !applying, PROP_CAN_GO_NEXT);

#undef UPDATE_BIT

  g_object_thaw_notify (G_OBJECT (self));
}

/* The stack page (a panel to a screen reader) is named "Step 2 of 8:
 * Applicant": Orca speaks the names of the containers that focus enters,
 * so the step is heard when the page's first field takes the focus, on
 * every GTK; unnamed, it was read as "GtkStackPage panel". */
static void
name_step (PkioAssistant *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self);
  g_autofree char *name = NULL;
  guint n = 0;

  if (page == NULL || pkio_page_get_title (page) == NULL)
    return;

  for (GtkWidget *child = GTK_WIDGET (page); child != NULL; child = gtk_widget_get_prev_sibling (child))
    n++;

  /* Translators: said by a screen reader when a wizard step opens */
  name = g_strdup_printf (_("Step %u of %u: %s"), n, MAX (n, self->n_steps), pkio_page_get_title (page));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack, GTK_WIDGET (page))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
page_title_changed_cb (PkioAssistant *self)
{
  name_step (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
visible_child_changed_cb (PkioAssistant *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self);

  g_signal_group_set_target (self->page_signals, page);
  update_state (self);
  name_step (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  if (page != NULL)
    pkio_page_shown (page);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PkioPage *page = PKIO_PAGE (object);
  g_autoptr(PkioAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  PkioPage *next;

  if (!pkio_page_apply_finish (page, result, &error))
    {
      /* A cancellation is the user's own choice: nothing to report. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[APPLY_FAILED], 0, page, error);
      update_state (self);
      return;
    }

  g_clear_object (&self->apply_cancellable);

  /* The user may have left the page some other way in the meantime. */
  if (page != pkio_assistant_get_current_page (self))
    return;

  /* After an edit from the review page, Next leads straight back to it. */
  next = self->return_page;
  if (next != NULL)
    g_object_remove_weak_pointer (G_OBJECT (next), (gpointer *)&self->return_page);
  self->return_page = NULL;
  if (next == NULL || !gtk_widget_get_visible (GTK_WIDGET (next)))
    next = find_visible_sibling (page, TRUE);
  if (next == NULL && self->more_pages)
    {
      g_signal_emit (self, signals[PAGE_NEEDED], 0);
      next = find_visible_sibling (page, TRUE);
    }
  if (next != NULL)
    pkio_assistant_set_current_page (self, next);
  else
    update_state (self);
}

static void
pkio_assistant_dispose (GObject *object)
{
  PkioAssistant *self = (PkioAssistant *)object;

  if (self->apply_cancellable)
    g_cancellable_cancel (self->apply_cancellable);
  g_clear_object (&self->apply_cancellable);

  if (self->return_page)
    g_object_remove_weak_pointer (G_OBJECT (self->return_page), (gpointer *)&self->return_page);
  self->return_page = NULL;

  if (self->page_signals)
    g_signal_group_set_target (self->page_signals, NULL);
  g_clear_object (&self->page_signals);

  /* AdwBin 1.2 unparents its child again in its own dispose: drop it first
   * so that the template's unparent is the only one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_ASSISTANT);

  G_OBJECT_CLASS (pkio_assistant_parent_class)->dispose (object);
}

static void
pkio_assistant_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PkioAssistant *self = PKIO_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      g_value_set_object (value, pkio_assistant_get_current_page (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, pkio_assistant_get_title (self));
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;

    case PROP_CAN_GO_NEXT:
      g_value_set_boolean (value, self->can_go_next);
      break;

    case PROP_HAS_NEXT:
      g_value_set_boolean (value, self->has_next);
      break;

    case PROP_APPLYING:
      g_value_set_boolean (value, self->applying);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_assistant_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PkioAssistant *self = PKIO_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      pkio_assistant_set_current_page (self, g_value_get_object (value));
      break;

    case PROP_TITLE:
    case PROP_CAN_GO_BACK:
    case PROP_CAN_GO_NEXT:
    case PROP_HAS_NEXT:
    case PROP_APPLYING:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_assistant_class_init (PkioAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_assistant_dispose;
  object_class->get_property = pkio_assistant_get_property;
  object_class->set_property = pkio_assistant_set_property;

  properties[PROP_CURRENT_PAGE] =
    g_param_spec_object ("current-page", NULL, NULL,
                         PKIO_TYPE_PAGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_GO_NEXT] =
    g_param_spec_boolean ("can-go-next", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_NEXT] =
    g_param_spec_boolean ("has-next", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_APPLYING] =
    g_param_spec_boolean ("applying", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PkioAssistant::apply-failed:
   * @page: the page whose apply failed
   * @error: why, for the user
   *
   * The user stays on @page; the window decides how to show @error.
   */
  signals[APPLY_FAILED] =
    g_signal_new ("apply-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PKIO_TYPE_PAGE, G_TYPE_ERROR);

  /**
   * PkioAssistant::page-needed:
   *
   * Next leads past the last page added while more are to come (see
   * pkio_assistant_set_more_pages()): add the next ones now.
   */
  signals[PAGE_NEEDED] =
    g_signal_new ("page-needed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioAssistant, stack);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);
}

static void
pkio_assistant_init (PkioAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->page_signals = g_signal_group_new (PKIO_TYPE_PAGE);
  g_signal_group_connect_object (self->page_signals, "notify::complete",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::applying",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::title",
                                 G_CALLBACK (page_title_changed_cb), self, G_CONNECT_SWAPPED);
}

PkioAssistant *
pkio_assistant_new (void)
{
  return g_object_new (PKIO_TYPE_ASSISTANT, NULL);
}

/**
 * pkio_assistant_add_page:
 *
 * Appends @page. Pages are shown in the order they are added; a page that
 * hides itself is skipped by Back and Next.
 */
void
pkio_assistant_add_page (PkioAssistant *self,
                         PkioPage      *page)
{
  GtkStackPage *stack_page;
  const char *page_id;

  g_return_if_fail (PKIO_IS_ASSISTANT (self));
  g_return_if_fail (PKIO_IS_PAGE (page));

  stack_page = gtk_stack_add_child (self->stack, GTK_WIDGET (page));

  /* Named after the step so that a draft can say where the user was. */
  page_id = pkio_page_get_page_id (page);
  if (page_id != NULL && gtk_stack_get_child_by_name (self->stack, page_id) == NULL)
    gtk_stack_page_set_name (stack_page, page_id);

  /* A page appearing or hiding changes what Back and Next lead to. */
  g_signal_connect_object (page, "notify::visible", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);

  update_state (self);
}

/**
 * pkio_assistant_get_current_page:
 *
 * Returns: (transfer none) (nullable): the page on screen
 */
PkioPage *
pkio_assistant_get_current_page (PkioAssistant *self)
{
  GtkWidget *child;

  g_return_val_if_fail (PKIO_IS_ASSISTANT (self), NULL);

  child = gtk_stack_get_visible_child (self->stack);
  return child ? PKIO_PAGE (child) : NULL;
}

void
pkio_assistant_set_current_page (PkioAssistant *self,
                                 PkioPage      *page)
{
  g_return_if_fail (PKIO_IS_ASSISTANT (self));
  g_return_if_fail (PKIO_IS_PAGE (page));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (page)) == GTK_WIDGET (self->stack));

  /* Leaving a page abandons whatever its apply was doing. */
  if (self->apply_cancellable)
    g_cancellable_cancel (self->apply_cancellable);
  g_clear_object (&self->apply_cancellable);

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
}

/**
 * pkio_assistant_edit_page:
 * @page: the page to show
 *
 * Shows @page and makes the next successful Next return to the page that
 * is current now, as the review page's Edit buttons want.
 */
void
pkio_assistant_edit_page (PkioAssistant *self,
                          PkioPage      *page)
{
  PkioPage *current;

  g_return_if_fail (PKIO_IS_ASSISTANT (self));
  g_return_if_fail (PKIO_IS_PAGE (page));

  current = pkio_assistant_get_current_page (self);
  if (self->return_page)
    g_object_remove_weak_pointer (G_OBJECT (self->return_page), (gpointer *)&self->return_page);
  self->return_page = current != page ? current : NULL;
  if (self->return_page)
    g_object_add_weak_pointer (G_OBJECT (self->return_page), (gpointer *)&self->return_page);

  pkio_assistant_set_current_page (self, page);
}

const char *
pkio_assistant_get_title (PkioAssistant *self)
{
  PkioPage *page;

  g_return_val_if_fail (PKIO_IS_ASSISTANT (self), NULL);

  page = pkio_assistant_get_current_page (self);
  return page ? pkio_page_get_title (page) : NULL;
}

gboolean
pkio_assistant_get_can_go_back (PkioAssistant *self)
{
  g_return_val_if_fail (PKIO_IS_ASSISTANT (self), FALSE);

  return self->can_go_back;
}

gboolean
pkio_assistant_get_can_go_next (PkioAssistant *self)
{
  g_return_val_if_fail (PKIO_IS_ASSISTANT (self), FALSE);

  return self->can_go_next;
}

gboolean
pkio_assistant_get_has_next (PkioAssistant *self)
{
  g_return_val_if_fail (PKIO_IS_ASSISTANT (self), FALSE);

  return self->has_next;
}

gboolean
pkio_assistant_get_applying (PkioAssistant *self)
{
  g_return_val_if_fail (PKIO_IS_ASSISTANT (self), FALSE);

  return self->applying;
}

/**
 * pkio_assistant_next:
 *
 * Applies the current page and, if that succeeds, shows the next visible
 * page. Does nothing unless #PkioAssistant:can-go-next is set.
 */
void
pkio_assistant_next (PkioAssistant *self)
{
  PkioPage *page;

  g_return_if_fail (PKIO_IS_ASSISTANT (self));

  if (!self->can_go_next)
    return;

  page = pkio_assistant_get_current_page (self);
  g_assert (page != NULL);

  g_clear_object (&self->apply_cancellable);
  self->apply_cancellable = g_cancellable_new ();

  pkio_page_apply_async (page, self->apply_cancellable, apply_cb, g_object_ref (self));
}

/**
 * pkio_assistant_set_n_steps:
 * @n_steps: how many steps the wizard has, counting those not added yet
 *
 * For the step's name a screen reader speaks ("Step 2 of 8: Applicant").
 */
void
pkio_assistant_set_n_steps (PkioAssistant *self,
                            guint          n_steps)
{
  g_return_if_fail (PKIO_IS_ASSISTANT (self));

  self->n_steps = n_steps;
  name_step (self);
}

/**
 * pkio_assistant_set_more_pages:
 * @more: whether steps follow the last page added
 *
 * Lets pages be added when the user comes to them rather than all at once:
 * while @more, Next is offered after the last page, and going there emits
 * #PkioAssistant::page-needed first.
 */
void
pkio_assistant_set_more_pages (PkioAssistant *self,
                               gboolean       more)
{
  g_return_if_fail (PKIO_IS_ASSISTANT (self));

  if (self->more_pages == !!more)
    return;

  self->more_pages = !!more;
  update_state (self);
}

void
pkio_assistant_back (PkioAssistant *self)
{
  PkioPage *page;
  PkioPage *prev;

  g_return_if_fail (PKIO_IS_ASSISTANT (self));

  if (!self->can_go_back)
    return;

  /* Going back from an edit is a walk through the pages again. */
  if (self->return_page)
    g_object_remove_weak_pointer (G_OBJECT (self->return_page), (gpointer *)&self->return_page);
  self->return_page = NULL;

  page = pkio_assistant_get_current_page (self);
  prev = find_visible_sibling (page, FALSE);
  if (prev != NULL)
    pkio_assistant_set_current_page (self, prev);
}

/**
 * pkio_assistant_cancel:
 *
 * Cancels the apply that is running, if any; the user stays on the page.
 */
void
pkio_assistant_cancel (PkioAssistant *self)
{
  g_return_if_fail (PKIO_IS_ASSISTANT (self));

  if (self->apply_cancellable)
    g_cancellable_cancel (self->apply_cancellable);
}
