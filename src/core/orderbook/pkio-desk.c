/* pkio-desk.c
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

#include "pkio-desk.h"
#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-outbox.h"
#include "pkio-store.h"

/* The services of one desk that are not about showing: the store and the
 * order book opened in their order, the network watched (queued orders go
 * out, pending statuses are asked for), the desktop told when an order
 * is decided or the outbox was sent, and clearing for the next applicant:
 * when no one has used the window for a while, and what clearing does to
 * the order (kept as a draft, then forgotten). The application owns one
 * and gives it to its window, as gnome-text-editor's EditorSession; a
 * window made without an application (tests) makes its own. */
struct _PkioDesk
{
  GObject        parent_instance;

  GApplication  *application;   /* weak: the application owns the desk */
  PkioSettings  *settings;
  PkioAccount   *account;

  PkioStore     *store;
  PkioOrderBook *book;          /* from the first opening on */
  GCancellable  *opening;       /* the opening's, while it runs */
  GPtrArray     *waiting;       /* the GTasks of pkio_desk_open_async() */
  guint          opened : 1;

  /* Clearing for the next applicant after inactivity (a desk setting) */
  guint          idle_warning : 1;
  gint64         last_activity;
  guint          idle_source;
  guint          idle_unit_ms;  /* a "minute"; shorter in tests */
};

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_SETTINGS,
  PROP_ACCOUNT,
  PROP_OPENED,
  N_PROPS
};

enum {
  IDLE_WARNING,
  IDLE_WARNING_DISMISSED,
  CLEAR_FOR_NEXT_APPLICANT,
  QUERY_APPLICANT_SHOWN,
  QUERY_APPLYING,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PkioDesk, pkio_desk, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Said where it is seen with the app in the background: an order was
 * decided. Other changes (a cancellation the user made) need no word. */
static void
order_status_changed_cb (PkioDesk   *self,
                         const char *id,
                         const char *old_status,
                         const char *new_status)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *tag = NULL;
  const PkioHistoryEntry *entry = pkio_history_lookup (pkio_order_book_get_history (self->book),
                                                       id);
  gboolean issued = g_strcmp0 (new_status, "issued") == 0;

  if (self->application == NULL || entry == NULL ||
      (!issued && g_strcmp0 (new_status, "rejected") != 0))
    return;

  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  if (entry->applicant != NULL)
    /* Translators: an order number, then the applicant's name */
    body = g_strdup_printf (_("Order %s for %s"), order_id, entry->applicant);
  else
    /* Translators: an order number */
    body = g_strdup_printf (_("Order %s"), order_id);
  if (entry->practice)
    {
      g_autofree char *both = g_strconcat (body, " ", _("(practice)"), NULL);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  notification = g_notification_new (issued ? _("Certificate Issued") : _("Order Rejected"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-orders");
  tag = g_strconcat ("order-", id, NULL);
  g_application_send_notification (self->application, tag, notification);
}

static void
auto_flushed_cb (PkioDesk         *self,
                 PkioOutboxReport *report)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  if (self->application == NULL)
    return;

  body = g_strdup_printf (ngettext ("%u queued order was sent.", "%u queued orders were sent.",
                                    report->sent->len),
                          report->sent->len);
  if (report->failed->len > 0)
    {
      g_autofree char *failed = g_strdup_printf (ngettext ("%u failed.", "%u failed.",
                                                           report->failed->len),
                                                 report->failed->len);
      g_autofree char *both = g_strconcat (body, " ", failed, NULL);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  notification = g_notification_new (_("Outbox sent"));
  g_notification_set_body (notification, body);
  g_application_send_notification (self->application, "outbox", notification);
}

static void
book_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioDesk) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;
  PkioOrderBook *book = PKIO_ORDER_BOOK (object);

  g_clear_object (&self->opening);

  /* Only a cancellation (the window closing) stops the opening; a later
   * pkio_desk_open_async() starts it again. */
  if (!pkio_order_book_open_finish (book, result, &error))
    {
      g_clear_object (&self->book);
      g_clear_object (&self->store);
      for (guint i = 0; i < waiting->len; i++)
        g_task_return_error (g_ptr_array_index (waiting, i), g_error_copy (error));
      return;
    }

  g_signal_connect_object (pkio_order_book_get_outbox (book), "auto-flushed",
                           G_CALLBACK (auto_flushed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pkio_order_book_get_history (book), "status-changed",
                           G_CALLBACK (order_status_changed_cb), self, G_CONNECT_SWAPPED);

  /* Queued orders go out when the network returns, and pending orders'
   * statuses are asked for, with the account's key as it is then. */
  pkio_order_book_watch (book, g_network_monitor_get_default ());

  self->opened = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENED]);

  for (guint i = 0; i < waiting->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiting, i), TRUE);
}

/* Clearing when idle. A desk may leave the window with someone's details
 * on it; after the configured minutes without keyboard or pointer use the
 * desk warns for half a minute, then has the window do what New Order
 * does. The windows answer what is on screen when asked (the
 * query-* signals), so no answer goes stale between two looks. */

static void idle_check_cb (gpointer data);

static void
idle_schedule (PkioDesk *self,
               gint64    delay_us)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (pkio_settings_get_idle_clear_minutes (self->settings) == 0)
    return;

  self->idle_source = g_timeout_add_once ((guint) CLAMP (delay_us / 1000, 1, G_MAXUINT),
                                          idle_check_cb, self);
}

static void
idle_dismiss_warning (PkioDesk *self)
{
  if (!self->idle_warning)
    return;

  self->idle_warning = FALSE;
  g_signal_emit (self, signals[IDLE_WARNING_DISMISSED], 0);
}

static void
idle_show_warning (PkioDesk *self,
                   gint64    remaining_us)
{
  guint seconds = (guint) MAX (1, (remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  self->idle_warning = TRUE;
  g_signal_emit (self, signals[IDLE_WARNING], 0, seconds);
}

/* Something of an applicant on screen in any window, and no order on its
 * way in any: an order being sent is not to be cleared from under it. */
static gboolean
idle_anything_to_clear (PkioDesk *self)
{
  gboolean shown = FALSE;
  gboolean applying = FALSE;

  g_signal_emit (self, signals[QUERY_APPLYING], 0, &applying);
  if (applying)
    return FALSE;
  g_signal_emit (self, signals[QUERY_APPLICANT_SHOWN], 0, &shown);

  return shown;
}

static void
idle_check_cb (gpointer data)
{
  g_autoptr(PkioDesk) self = g_object_ref (data);
  gint64 unit = (gint64) self->idle_unit_ms * 1000;
  gint64 period = pkio_settings_get_idle_clear_minutes (self->settings) * unit;
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = self->last_activity + period;
  gint64 warn_at = deadline - unit / 2;

  self->idle_source = 0;

  if (now < warn_at)
    {
      idle_schedule (self, warn_at - now);
      return;
    }

  /* Nothing of anyone on screen, or an order on its way: look again a
   * period later. */
  if (!idle_anything_to_clear (self))
    {
      idle_dismiss_warning (self);
      idle_schedule (self, period);
      return;
    }

  if (!self->idle_warning)
    {
      idle_show_warning (self, deadline - now);
      idle_schedule (self, deadline - now);
      return;
    }

  if (now < deadline)
    {
      idle_schedule (self, deadline - now);
      return;
    }

  idle_dismiss_warning (self);
  g_signal_emit (self, signals[CLEAR_FOR_NEXT_APPLICANT], 0);
  self->last_activity = now;
  idle_schedule (self, period);
}

/* The setting or the unit changed: the count starts over from now. */
static void
idle_restart (PkioDesk *self)
{
  idle_dismiss_warning (self);
  self->last_activity = g_get_monotonic_time ();
  idle_schedule (self, 0);
}

/* Next applicant */

static void
draft_kept_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!pkio_draft_store_save_now_finish (PKIO_DRAFT_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pkio_desk_open_async:
 * @cancellable: (nullable): stops the opening, if it is the one that
 *   started it (the window that asked first closing)
 *
 * Opens the store (the key from the keyring; in memory without one), loads
 * drafts, history and outbox (entries left "sending" become outcome
 * unknown) and starts watching the network. The order book is there from
 * the call on (pkio_desk_get_order_book()), for its #PkioOrderBook::problems;
 * it is loaded when this completes. Opened already, it completes at once.
 */
void
pkio_desk_open_async (PkioDesk            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_DESK (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_desk_open_async);

  if (self->opened)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->waiting == NULL)
    self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));

  if (self->book != NULL)
    return;

  self->opening = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  self->store = pkio_store_new (NULL);
  self->book = pkio_order_book_new (self->store, self->account, self->settings);
  pkio_order_book_open_async (self->book, PKIO_ORDER_BOOK_OPEN_DRAFTS, self->opening,
                              book_opened_cb, g_object_ref (self));
}

gboolean
pkio_desk_open_finish (PkioDesk      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pkio_desk_constructed (GObject *object)
{
  PkioDesk *self = (PkioDesk *)object;

  G_OBJECT_CLASS (pkio_desk_parent_class)->constructed (object);

  g_signal_connect_object (self->settings, "notify::idle-clear-minutes",
                           G_CALLBACK (idle_restart), self, G_CONNECT_SWAPPED);
  idle_restart (self);
}

static void
pkio_desk_dispose (GObject *object)
{
  PkioDesk *self = (PkioDesk *)object;

  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (pkio_desk_parent_class)->dispose (object);
}

static void
pkio_desk_finalize (GObject *object)
{
  PkioDesk *self = (PkioDesk *)object;

  g_clear_object (&self->opening);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->book);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_desk_parent_class)->finalize (object);
}

static void
pkio_desk_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PkioDesk *self = PKIO_DESK (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_OPENED:
      g_value_set_boolean (value, self->opened);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_desk_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PkioDesk *self = PKIO_DESK (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_set_weak_pointer (&self->application, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_desk_class_init (PkioDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pkio_desk_constructed;
  object_class->dispose = pkio_desk_dispose;
  object_class->finalize = pkio_desk_finalize;
  object_class->get_property = pkio_desk_get_property;
  object_class->set_property = pkio_desk_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL,
                         G_TYPE_APPLICATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         PKIO_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         PKIO_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OPENED] =
    g_param_spec_boolean ("opened", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PkioDesk::idle-warning:
   * @seconds: when the desk clears for the next applicant, unless someone
   *   uses it (pkio_desk_note_activity())
   *
   * No one has used the desk for nearly the configured minutes, and
   * something of an applicant is on screen.
   */
  signals[IDLE_WARNING] =
    g_signal_new ("idle-warning", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * PkioDesk::idle-warning-dismissed:
   *
   * The warning no longer holds: someone used the desk, nothing is left
   * to clear, the setting changed, or the desk is clearing now.
   */
  signals[IDLE_WARNING_DISMISSED] =
    g_signal_new ("idle-warning-dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PkioDesk::clear-for-next-applicant:
   *
   * The warning ran out: every window forgets its applicant, keeping an
   * unfinished order as a draft, and closes what lists applicants.
   */
  signals[CLEAR_FOR_NEXT_APPLICANT] =
    g_signal_new ("clear-for-next-applicant", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PkioDesk::query-applicant-shown:
   *
   * Asked before warning and before clearing. Each window returns %TRUE if
   * it shows something of an applicant: an order being filled in, or a
   * placed one's result; the first %TRUE answers for the desk.
   *
   * Returns: whether anything of an applicant is on screen
   */
  signals[QUERY_APPLICANT_SHOWN] =
    g_signal_new ("query-applicant-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);

  /**
   * PkioDesk::query-applying:
   *
   * Asked with #PkioDesk::query-applicant-shown. Each window returns %TRUE
   * while one of its steps applies (an order being placed); then nothing
   * is cleared.
   *
   * Returns: whether an order is being applied
   */
  signals[QUERY_APPLYING] =
    g_signal_new ("query-applying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);
}

static void
pkio_desk_init (PkioDesk *self)
{
  self->idle_unit_ms = 60 * 1000;
}

/**
 * pkio_desk_new:
 * @application: (nullable): where notifications go; %NULL: none are sent
 * @settings: the settings
 * @account: the account orders go out with
 */
PkioDesk *
pkio_desk_new (GApplication *application,
               PkioSettings *settings,
               PkioAccount  *account)
{
  g_return_val_if_fail (!application || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PKIO_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (PKIO_IS_ACCOUNT (account), NULL);

  return g_object_new (PKIO_TYPE_DESK,
                       "application", application,
                       "settings", settings,
                       "account", account,
                       NULL);
}

PkioSettings *
pkio_desk_get_settings (PkioDesk *self)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), NULL);

  return self->settings;
}

PkioAccount *
pkio_desk_get_account (PkioDesk *self)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), NULL);

  return self->account;
}

/**
 * pkio_desk_get_order_book:
 *
 * Returns: (transfer none) (nullable): the order book, once opening began
 */
PkioOrderBook *
pkio_desk_get_order_book (PkioDesk *self)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), NULL);

  return self->book;
}

/**
 * pkio_desk_get_opened:
 *
 * Returns: whether drafts, outbox and history are loaded
 */
gboolean
pkio_desk_get_opened (PkioDesk *self)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), FALSE);

  return self->opened;
}

/**
 * pkio_desk_note_activity:
 *
 * Someone used a window of the desk (a key, a click, the pointer): the
 * idle count starts over, and a warning shown goes.
 */
void
pkio_desk_note_activity (PkioDesk *self)
{
  g_return_if_fail (PKIO_IS_DESK (self));

  self->last_activity = g_get_monotonic_time ();
  if (self->idle_warning)
    {
      idle_dismiss_warning (self);
      idle_schedule (self, 0);
    }
}

/**
 * pkio_desk_get_idle_warning:
 *
 * Returns: whether the desk is warning that it clears for inactivity
 */
gboolean
pkio_desk_get_idle_warning (PkioDesk *self)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), FALSE);

  return self->idle_warning;
}

/**
 * pkio_desk_set_idle_unit:
 * @unit_ms: how long a "minute" of the idle setting lasts
 *
 * For tests: the idle timeout in milliseconds rather than minutes. The
 * warning comes half a unit before the desk clears; the count starts over.
 */
void
pkio_desk_set_idle_unit (PkioDesk *self,
                         guint     unit_ms)
{
  g_return_if_fail (PKIO_IS_DESK (self));
  g_return_if_fail (unit_ms > 0);

  self->idle_unit_ms = unit_ms;
  idle_restart (self);
}

/**
 * pkio_desk_can_keep_draft:
 * @order: the order on screen
 *
 * Whether clearing for the next applicant keeps @order as a draft, so
 * that nothing typed is lost: the drafts are loaded and the order names
 * its applicant (an order queued or placed already is kept where it is).
 *
 * Returns: whether pkio_desk_clear_applicant_async() loses nothing of @order
 */
gboolean
pkio_desk_can_keep_draft (PkioDesk  *self,
                          PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), FALSE);
  g_return_val_if_fail (PKIO_IS_ORDER (order), FALSE);

  return self->opened && pkio_order_names_applicant (order);
}

/**
 * pkio_desk_clear_applicant_async:
 * @order: the order on screen, cleared in place
 * @draft_id: (nullable): the draft @order is autosaved as; %NULL: a new one
 * @step: (nullable): the wizard's step @order reached; %NULL when it is not
 *   in progress (placed, its result shown): then no draft is kept
 * @cancellable: (nullable): stops only the report: a draft being written
 *   is written, or the order would be lost
 *
 * For New Order and for clearing when idle: keeps an unfinished order as
 * a draft (pkio_desk_can_keep_draft()), from a snapshot taken before this
 * returns and replacing any scheduled save of @draft_id, then wipes the
 * card number and CVV and clears the applicant's details from @order
 * (pkio_order_clear_personal_data(): the desk's choices stay, and the
 * order gets a new identity). Only the report waits for the disk.
 */
void
pkio_desk_clear_applicant_async (PkioDesk            *self,
                                 PkioOrder           *order,
                                 const char          *draft_id,
                                 const char          *step,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_DESK (self));
  g_return_if_fail (PKIO_IS_ORDER (order));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_desk_clear_applicant_async);

  if (step != NULL && pkio_desk_can_keep_draft (self, order))
    {
      PkioDraftStore *drafts = pkio_order_book_get_drafts (self->book);
      g_autofree char *id = draft_id ? g_strdup (draft_id) : pkio_draft_store_create_id (drafts);

      /* Queued, sent or placed, it is in the outbox or the history: no
       * draft of it, which would invite placing it twice. */
      if (!pkio_draft_store_is_closed (drafts, pkio_order_get_identity (order)))
        pkio_draft_store_save_now_async (drafts, id, order, step, NULL, draft_kept_cb,
                                         g_steal_pointer (&task));
    }

  /* The snapshot is taken: the applicant can go. */
  pkio_order_wipe_card_secrets (order);
  pkio_order_clear_personal_data (order);

  if (task != NULL)
    g_task_return_boolean (task, FALSE);
}

/**
 * pkio_desk_clear_applicant_finish:
 *
 * Returns: %TRUE if the order was kept as a draft; %FALSE with @error set
 *   if the draft could not be saved (or on cancellation), %FALSE without
 *   it when there was nothing to keep
 */
gboolean
pkio_desk_clear_applicant_finish (PkioDesk      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PKIO_IS_DESK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
