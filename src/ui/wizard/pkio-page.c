/* pkio-page.c
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

#include "pkio-form.h"
#include "pkio-page.h"
#include "pkio-steps.h"

typedef struct
{
  PkioOrder *order;
  char     *title;
  guint     complete : 1;
  guint     applying : 1;
} PkioPagePrivate;

enum {
  PROP_0,
  PROP_ORDER,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_APPLYING,
  N_PROPS
};

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PkioPage, pkio_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void
set_applying (PkioPage *self,
              gboolean  applying)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  applying = !!applying;
  if (priv->applying == applying)
    return;

  priv->applying = applying;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLYING]);
}

static void
pkio_page_real_apply_async (PkioPage            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_page_real_apply_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
pkio_page_real_apply_finish (PkioPage      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pkio_page_finalize (GObject *object)
{
  PkioPage *self = (PkioPage *)object;
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_object (&priv->order);

  G_OBJECT_CLASS (pkio_page_parent_class)->finalize (object);
}

/* A page of the step table takes its title from it. */
static void
pkio_page_constructed (GObject *object)
{
  PkioPage *self = PKIO_PAGE (object);
  const PkioStep *step = pkio_steps_lookup_type (G_OBJECT_TYPE (self));

  G_OBJECT_CLASS (pkio_page_parent_class)->constructed (object);

  if (step != NULL && pkio_page_get_title (self) == NULL)
    pkio_page_set_title (self, _(step->title));
}

static void
pkio_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PkioPage *self = PKIO_PAGE (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_object (value, pkio_page_get_order (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, pkio_page_get_title (self));
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, pkio_page_get_complete (self));
      break;

    case PROP_APPLYING:
      g_value_set_boolean (value, pkio_page_get_applying (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PkioPage *self = PKIO_PAGE (object);
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ORDER:
      priv->order = g_value_dup_object (value);
      break;

    case PROP_TITLE:
      pkio_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_COMPLETE:
      pkio_page_set_complete (self, g_value_get_boolean (value));
      break;

    case PROP_APPLYING:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_page_class_init (PkioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pkio_page_constructed;
  object_class->finalize = pkio_page_finalize;
  object_class->get_property = pkio_page_get_property;
  object_class->set_property = pkio_page_set_property;

  klass->apply_async = pkio_page_real_apply_async;
  klass->apply_finish = pkio_page_real_apply_finish;

  /* Every step page reads and writes the one order of its window; the
   * welcome page of a bare assistant test may have none. */
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         PKIO_TYPE_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_APPLYING] =
    g_param_spec_boolean ("applying", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The row of a form that holds @widget, if any. */
static GtkWidget *
enclosing_row (GtkWidget *widget)
{
  while (widget != NULL && !GTK_IS_LIST_BOX_ROW (widget))
    widget = gtk_widget_get_parent (widget);

  return widget;
}

/* Enter always moves forward (style guide §5): on a choice (a check,
 * radio or switch), in a spin button or on a row that only informs, it
 * goes on to the next field the step needs, then to Next, as in an entry.
 * It never toggles a choice: Alt+I then Enter on the agreement agrees and
 * goes on. Buttons, drop-downs and entries keep their own Enter. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PkioPage              *self)
{
  GtkWidget *focus;
  GtkWidget *spin;
  PkioForm *form;
  GtkRoot *root;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  if (pkio_page_is_final (self) || g_strcmp0 (pkio_page_get_page_id (self), "review") == 0)
    return GDK_EVENT_PROPAGATE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL)
    return GDK_EVENT_PROPAGATE;

  spin = gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON);
  if (spin != NULL)
    gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  else if (GTK_IS_CHECK_BUTTON (focus) || GTK_IS_SWITCH (focus) || GTK_IS_LIST_BOX_ROW (focus))
    ;
  else
    return GDK_EVENT_PROPAGATE;

  form = pkio_form_get_for_page (self);
  if (form != NULL)
    pkio_form_advance (form, enclosing_row (focus));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "assistant.next", NULL);

  return GDK_EVENT_STOP;
}

static void
pkio_page_init (PkioPage *self)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

const char *
pkio_page_get_page_id (PkioPage *self)
{
  const PkioStep *step;

  g_return_val_if_fail (PKIO_IS_PAGE (self), NULL);

  if ((step = pkio_steps_lookup_type (G_OBJECT_TYPE (self))) != NULL)
    return step->id;

  return PKIO_PAGE_GET_CLASS (self)->page_id;
}

/**
 * pkio_page_get_order:
 *
 * Returns: (transfer none) (nullable): the order the page edits
 */
PkioOrder *
pkio_page_get_order (PkioPage *self)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_return_val_if_fail (PKIO_IS_PAGE (self), NULL);

  return priv->order;
}

gboolean
pkio_page_is_final (PkioPage *self)
{
  g_return_val_if_fail (PKIO_IS_PAGE (self), FALSE);

  return PKIO_PAGE_GET_CLASS (self)->final;
}

/**
 * pkio_page_watch_order:
 * @callback: called with the page when one of the properties changes
 * @first_property: the first of the order's properties the page shows,
 *   then the others, then %NULL
 *
 * Follows the properties the page shows, and only those: a keystroke in
 * another page's field costs this page nothing.
 */
void
pkio_page_watch_order (PkioPage   *self,
                       GCallback   callback,
                       const char *first_property,
                       ...)
{
  PkioOrder *order = pkio_page_get_order (self);
  va_list args;

  g_return_if_fail (PKIO_IS_ORDER (order));

  va_start (args, first_property);
  for (const char *property = first_property; property != NULL;
       property = va_arg (args, const char *))
    {
      g_autofree char *signal = g_strconcat ("notify::", property, NULL);

      g_signal_connect_object (order, signal, callback, self, G_CONNECT_SWAPPED);
    }
  va_end (args);
}

/**
 * pkio_page_reset:
 *
 * Called when a new order starts in the same window, after the order's
 * personal data has been cleared.
 */
void
pkio_page_reset (PkioPage *self)
{
  g_return_if_fail (PKIO_IS_PAGE (self));

  if (PKIO_PAGE_GET_CLASS (self)->reset)
    PKIO_PAGE_GET_CLASS (self)->reset (self);
}

const char *
pkio_page_get_title (PkioPage *self)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_return_val_if_fail (PKIO_IS_PAGE (self), NULL);

  return priv->title;
}

void
pkio_page_set_title (PkioPage   *self,
                     const char *title)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_return_if_fail (PKIO_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
pkio_page_get_complete (PkioPage *self)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_return_val_if_fail (PKIO_IS_PAGE (self), FALSE);

  return priv->complete;
}

void
pkio_page_set_complete (PkioPage *self,
                        gboolean  complete)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_return_if_fail (PKIO_IS_PAGE (self));

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

gboolean
pkio_page_get_applying (PkioPage *self)
{
  PkioPagePrivate *priv = pkio_page_get_instance_private (self);

  g_return_val_if_fail (PKIO_IS_PAGE (self), FALSE);

  return priv->applying;
}

void
pkio_page_shown (PkioPage *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (PKIO_IS_PAGE (self));

  if (PKIO_PAGE_GET_CLASS (self)->shown)
    PKIO_PAGE_GET_CLASS (self)->shown (self);

  /* Every page takes the keyboard focus when it comes, so that Enter and
   * the page's keys work at once; a form puts it in its first field.
   * GtkStack gives a returning page the widget that last had its focus,
   * which may be hidden by now (the card's fields after a switch to the
   * balance): that focus is kept only while it can be seen. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (root == NULL ||
      (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
       gtk_widget_is_visible (focus)))
    return;
  if (pkio_form_get_for_page (self) != NULL)
    pkio_form_focus_first (pkio_form_get_for_page (self));
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
pkio_page_apply_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PkioPage *self = PKIO_PAGE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = PKIO_PAGE_GET_CLASS (self)->apply_finish (self, result, &error);
  set_applying (self, FALSE);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, ok);
}

/**
 * pkio_page_apply_async:
 *
 * Runs the page's apply step, with #PkioPage:applying set while it runs so
 * that the assistant can show progress and offer Cancel.
 */
void
pkio_page_apply_async (PkioPage            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_PAGE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!pkio_page_get_applying (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_page_apply_async);

  set_applying (self, TRUE);
  PKIO_PAGE_GET_CLASS (self)->apply_async (self, cancellable, pkio_page_apply_cb,
                                           g_steal_pointer (&task));
}

gboolean
pkio_page_apply_finish (PkioPage      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (PKIO_IS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
