/* pkio-review-page.c
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

#include "pkio-account.h"
#include "pkio-client.h"
#include "pkio-outbox.h"
#include "pkio-country.h"
#include "pkio-form.h"
#include "pkio-order-book.h"
#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-phone-plan.h"
#include "pkio-question.h"
#include "pkio-review-page.h"
#include "pkio-review-page-private.h"
#include "pkio-validate.h"

/* Every value, grouped as the pages asked for them, and the exact body that
 * will be sent (card masked). Next on this page submits the order: the
 * page's apply is the one network call of the wizard. An order whose outcome
 * is unknown is never sent again from here (design.md, "never pays twice"). */

struct _PkioReviewPage
{
  PkioPage             parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *preferences_page;
  AdwPreferencesGroup *status_group;
  GtkButton           *check_button;
  GtkButton           *later_button;
  AdwPreferencesGroup *found_group;
  AdwPreferencesGroup *json_group;
  GtkLabel            *json_label;

  /* Owned */
  PkioAccount         *account;       /* whose client submits */
  PkioClient          *client;        /* the account's, at the last submission */
  PkioOrderBook       *book;          /* once the window's stores are open */
  PkioOutbox          *outbox;        /* the book's */
  GTask               *waiting;       /* a submission waiting for the outbox */
  GTask               *asking;        /* a submission waiting for the user's answer */
  GPtrArray           *same_applicant; /* what was found for the applicant, for people */
  GCancellable        *check_cancellable;
  GCancellable        *plan_cancellable; /* the numbering plans' load, once */
  GPtrArray           *groups;        /* the value groups, rebuilt when shown */
  AdwActionRow        *telephone_row; /* in groups; shown again grouped */
  GPtrArray           *found_rows;
  char                *json;
  GDateTime           *sent_at;
  guint                outcome_unknown : 1;
  guint                identity_status : 1; /* the status says where the order is */
  guint                no_same_applicant : 1; /* tests: never ask */
};

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  EDIT,
  SUBMITTED,
  ENQUEUED,
  QUEUED_FOR_LATER,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PkioReviewPage, pkio_review_page, PKIO_TYPE_PAGE)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where the order's identity is (the order book knows): the page offers
 * Submit only for an order that is nowhere yet (or that CertCentral
 * refused, to send corrected). */
static PkioOrderBookIdentity
get_identity_state (PkioReviewPage *self)
{
  const char *identity = pkio_order_get_identity (pkio_page_get_order (PKIO_PAGE (self)));

  if (self->book == NULL)
    return PKIO_ORDER_BOOK_IDENTITY_NEW;

  return pkio_order_book_get_identity_state (self->book, identity);
}

static void set_status (PkioReviewPage *self,
                        const char     *title,
                        const char     *description,
                        gboolean        offer_check);

static void
update_complete (PkioReviewPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  gboolean fresh = !self->outcome_unknown &&
                   get_identity_state (self) == PKIO_ORDER_BOOK_IDENTITY_NEW;

  pkio_page_set_complete (PKIO_PAGE (self), fresh && pkio_order_is_valid (order));
  gtk_widget_set_sensitive (GTK_WIDGET (self->later_button), fresh);
}

/**
 * pkio_review_page_get_submitted:
 *
 * Returns: whether the order on the page went to the outbox or further
 *   (queued, being sent, placed, or with an unknown outcome): there is
 *   nothing left to submit here, and the page says where it is
 */
gboolean
pkio_review_page_get_submitted (PkioReviewPage *self)
{
  g_return_val_if_fail (PKIO_IS_REVIEW_PAGE (self), FALSE);

  return self->outcome_unknown || get_identity_state (self) != PKIO_ORDER_BOOK_IDENTITY_NEW;
}

/* Says where the order is, once it is in the outbox or the history; the
 * submission's own messages (retries, an unknown outcome) stay while it
 * runs. */
static void
show_identity_state (PkioReviewPage *self)
{
  const char *title = NULL;
  const char *description = NULL;

  update_complete (self);

  if (pkio_page_get_applying (PKIO_PAGE (self)) || self->outcome_unknown)
    return;

  switch (get_identity_state (self))
    {
    case PKIO_ORDER_BOOK_IDENTITY_QUEUED:
      title = _("Waiting in the Outbox");
      description = _("This order is in the outbox and is sent from there when CertCentral can "
                      "be reached. It is not submitted again from here.");
      break;
    case PKIO_ORDER_BOOK_IDENTITY_SENDING:
      title = _("Being Sent");
      description = _("This order is being sent now. It is not submitted again from here.");
      break;
    case PKIO_ORDER_BOOK_IDENTITY_PLACED:
      title = C_("order state", "Placed");
      description = _("This order was placed. It is not submitted again.");
      break;
    case PKIO_ORDER_BOOK_IDENTITY_UNKNOWN:
      title = _("The Order May Have Been Placed");
      description = _("This order was sent, but it is not known whether CertCentral placed it. "
                      "It is not sent again from here: look at it in the outbox.");
      break;
    case PKIO_ORDER_BOOK_IDENTITY_NEW:
    default:
      break;
    }

  /* Out of the outbox unsent (a card order that could not go): the page
   * may submit it again, and says nothing more of it. */
  if (title == NULL && !self->identity_status)
    return;

  set_status (self, title, description, FALSE);
  self->identity_status = title != NULL;
}

static void
edit_clicked_cb (GtkButton      *button,
                 PkioReviewPage *self)
{
  const char *page_id = g_object_get_data (G_OBJECT (button), "pkio-page-id");

  g_signal_emit (self, signals[EDIT], 0, page_id);
}

static AdwPreferencesGroup *
add_group (PkioReviewPage *self,
           const char     *title,
           const char     *page_id)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *edit_name = NULL;
  GtkWidget *button;

  adw_preferences_group_set_title (group, title);

  button = gtk_button_new_with_mnemonic (_("_Edit"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of an Edit button; %s is a group, such as "Applicant" */
  edit_name = g_strdup_printf (_("Edit %s"), title);
  /* Named by that alone: GTK 4.8 added the label it is labelled by, and
   * Orca said "Edit Edit Applicant Edit push button". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "pkio-page-id", g_strdup (page_id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_preferences_group_set_header_suffix (group, button);

  /* Before the JSON, which stays last. */
  adw_preferences_page_remove (self->preferences_page, self->json_group);
  adw_preferences_page_add (self->preferences_page, group);
  adw_preferences_page_add (self->preferences_page, self->json_group);
  g_ptr_array_add (self->groups, group);

  return group;
}

static void
collect_values (GtkWidget *widget,
                GString   *out)
{
  const char *value = g_object_get_data (G_OBJECT (widget), "pkio-value");

  if (value != NULL)
    {
      if (out->len > 0)
        /* Translators: between two values a screen reader reads out in a row */
        g_string_append (out, _("; "));
      /* Translators: a value's title and the value, as a screen reader
       * reads them: "Email Address: anna@example.nl" */
      g_string_append_printf (out, _("%1$s: %2$s"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), value);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_values (child, out);
}

/* The values are no Tab stops (pkio_form_quiet_info_row()): the group's
 * Edit button, where Tab stops, reads them out. */
static void
describe_edit (AdwPreferencesGroup *group)
{
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *edit_name = NULL;

  collect_values (GTK_WIDGET (group), values);
  /* Translators: the accessible name of an Edit button; %s is a group, such as "Applicant" */
  edit_name = g_strdup_printf (_("Edit %s"), adw_preferences_group_get_title (group));
  pkio_form_describe (adw_preferences_group_get_header_suffix (group), edit_name, values->str);
}

static void
set_value (AdwActionRow *row,
           const char   *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  /* Row titles and subtitles are markup in libadwaita 1.2. */
  adw_action_row_set_subtitle (row, escaped);
}

static AdwActionRow *
add_value (AdwPreferencesGroup *group,
           const char          *title,
           const char          *value)
{
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return NULL;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title,
                      "subtitle-lines", 0,
                      NULL);
  set_value (ADW_ACTION_ROW (row), value);
  g_object_set_data_full (G_OBJECT (row), "pkio-value", g_strdup (value), g_free);
  gtk_widget_add_css_class (row, "property");
  pkio_form_quiet_info_row (row);
  adw_preferences_group_add (group, row);

  return ADW_ACTION_ROW (row);
}

static const char *
country_name (const char *code)
{
  const char *name = pkio_country_get_name (code);

  return name ? name : code;
}

static char *
join_nonempty (const char *separator,
               ...)
{
  GString *out = g_string_new (NULL);
  const char *part;
  va_list args;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)) != (const char *)-1)
    {
      if (part == NULL || part[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, part);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

#define END ((const char *)-1)

static const char *
tristate_label (PkioTristate value)
{
  switch (value)
    {
    case PKIO_TRISTATE_YES:
      return _("Yes");
    case PKIO_TRISTATE_NO:
      return _("No");
    case PKIO_TRISTATE_UNSET:
    default:
      return _("As the account decides");
    }
}

static void
rebuild (PkioReviewPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  AdwPreferencesGroup *group;
  g_autofree char *name = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *address = NULL;
  g_autofree char *place = NULL;
  g_autofree char *telephone = NULL;
  const PkioSubdivision *subdivision;
  const char *text;

#define T(field) pkio_order_get_text (order, PKIO_ORDER_TEXT_##field)

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->preferences_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  self->telephone_row = NULL;

  if (pkio_order_get_individual_id (order) > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             pkio_order_get_individual_id (order));

      group = add_group (self, _("Applicant"), "welcome");
      add_value (group, _("Existing CertCentral Individual"), id);
    }
  else
    {
      group = add_group (self, _("Applicant"), "applicant");
      name = join_nonempty (" ", T (FIRST_NAME), T (LAST_NAME), END);
      add_value (group, _("Name"), name);
      add_value (group, _("Email Address"), T (EMAIL));
      telephone = pkio_telephone_dup_display (T (TELEPHONE));
      self->telephone_row = add_value (group, _("Telephone Number"), telephone);
      place = join_nonempty (", ", T (ZIP), T (CITY), T (STATE), END);
      add_value (group, _("Place of Residence"), place);
      add_value (group, _("Country"), country_name (T (COUNTRY)));
      g_clear_pointer (&place, g_free);
    }

  group = add_group (self, _("Certificate"), "certificate");
  add_value (group, _("Signature Hash"), "SHA-256");
  add_value (group, _("Key Usage"), _("Non-repudiation"));
  add_value (group, _("Use RSASSA-PSS"),
             pkio_order_get_is_rsassa_pss (order) == PKIO_TRISTATE_YES ? _("Yes") : _("No"));
  switch (pkio_order_get_validity_kind (order))
    {
    case PKIO_VALIDITY_KIND_YEARS:
      validity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years",
                                               pkio_order_get_validity_years (order)),
                                  pkio_order_get_validity_years (order));
      break;
    case PKIO_VALIDITY_KIND_DAYS:
      validity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                               pkio_order_get_validity_days (order)),
                                  pkio_order_get_validity_days (order));
      break;
    case PKIO_VALIDITY_KIND_CUSTOM_DATE:
      /* Translators: %s is a date such as 31 DEC 2027 */
      validity = g_strdup_printf (_("Until %s"), T (CUSTOM_EXPIRATION_DATE));
      break;
    case PKIO_VALIDITY_KIND_NONE:
    default:
      validity = g_strdup (_("Standard period"));
      break;
    }
  add_value (group, _("Valid For"), validity);

  group = add_group (self, _("Token Shipping"), "shipping");
  add_value (group, _("Recipient"), T (SHIP_NAME));
  address = join_nonempty (", ", T (SHIP_ADDR1), T (SHIP_ADDR2), END);
  add_value (group, _("Address"), address);
  subdivision = pkio_country_find_subdivision (T (SHIP_COUNTRY), T (SHIP_STATE));
  place = join_nonempty (", ", T (SHIP_ZIP), T (SHIP_CITY),
                         subdivision ? pkio_subdivision_get_name (subdivision) : T (SHIP_STATE),
                         END);
  add_value (group, _("Place"), place);
  add_value (group, _("Country"), country_name (T (SHIP_COUNTRY)));
  add_value (group, _("Delivery"),
             pkio_order_get_ship_method (order) == PKIO_SHIP_METHOD_EXPEDITED
               ? _("Expedited (costs more)") : _("Standard"));
  g_clear_pointer (&address, g_free);
  g_clear_pointer (&place, g_free);

  group = add_group (self, _("Payment"), "payment");
  if (pkio_order_get_payment_method (order) == PKIO_PAYMENT_METHOD_CARD)
    {
      g_autofree char *masked = pkio_card_number_mask (T (CARD_NUMBER));
      g_autofree char *expiry = join_nonempty ("/", T (CARD_EXPIRATION_MONTH),
                                               T (CARD_EXPIRATION_YEAR), END);

      add_value (group, _("Method"), _("Credit card"));
      /* A reopened draft or queued order has no number or CVV: they are
       * never stored. Said here, so that Submit is not a mystery. */
      if (T (CARD_NUMBER) == NULL || T (CARD_CVV) == NULL)
        add_value (group, _("Card Number and Security Code"),
                   _("Needed again: they are never stored. Submit Order takes you to them."));
      else
        add_value (group, _("Card Number"), masked);
      add_value (group, _("Expires"), expiry);
      add_value (group, _("Cardholder Name"), T (CARDHOLDER_NAME));
      add_value (group, _("Save Card in the Account"),
                 tristate_label (pkio_order_get_save_credit_card (order)));
      add_value (group, _("Make It the Default Card"),
                 pkio_order_get_set_as_default (order) ? _("Yes") : _("No"));
      address = join_nonempty (", ", T (BILLING_ADDRESS), T (BILLING_ADDRESS2), END);
      add_value (group, _("Billing Address"), address);
      place = join_nonempty (", ", T (BILLING_ZIP), T (BILLING_CITY), T (BILLING_STATE), END);
      add_value (group, _("Place"), place);
      add_value (group, _("Country"), country_name (T (BILLING_COUNTRY)));
    }
  else
    {
      add_value (group, _("Method"), _("Account balance"));
    }

  group = add_group (self, _("Agreement"), "agreement");
  text = pkio_order_get_csa_agreed_to (order) ? _("Agreed") : _("Not agreed");
  add_value (group, _("Certificate Subscriber Agreement"), text);

#undef T

  /* Once per group, the values all there: each change is an event a
   * screen reader may read out. */
  for (guint i = 0; i < self->groups->len; i++)
    describe_edit (g_ptr_array_index (self->groups, i));

  g_free (self->json);
  self->json = pkio_order_to_json_string (order, PKIO_ORDER_JSON_DISPLAY, TRUE);
  gtk_label_set_label (self->json_label, self->json);

  update_complete (self);
}

static void
set_status (PkioReviewPage *self,
            const char     *title,
            const char     *description,
            gboolean        offer_check)
{
  self->identity_status = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), title != NULL);
  adw_preferences_group_set_title (self->status_group, title ? title : "");
  adw_preferences_group_set_description (self->status_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), offer_check);
}

static void
clear_found (PkioReviewPage *self)
{
  for (guint i = 0; i < self->found_rows->len; i++)
    adw_preferences_group_remove (self->found_group, g_ptr_array_index (self->found_rows, i));
  g_ptr_array_set_size (self->found_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->found_group), FALSE);
}

static void
add_found (PkioReviewPage *self,
           const char     *title,
           const char     *subtitle)
{
  GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                 "title", title,
                                 "subtitle", subtitle,
                                 "subtitle-lines", 0,
                                 NULL);

  adw_preferences_group_add (self->found_group, row);
  g_ptr_array_add (self->found_rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self->found_group), TRUE);
}

static void
find_orders_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) found = NULL;

  found = pkio_client_find_orders_finish (PKIO_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), TRUE);
  clear_found (self);

  if (found == NULL)
    {
      add_found (self, _("The orders could not be checked"), error->message);
      return;
    }

  if (json_array_get_length (found) == 0)
    {
      add_found (self, _("No order found"),
                 _("The account shows no order for this applicant since the attempt. An order "
                   "can take a few minutes to appear: check again before ordering anew."));
      return;
    }

  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonNode *element = json_array_get_element (found, i);
      JsonObject *object_;
      JsonNode *id_node;
      const char *status;
      const char *created;
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      object_ = json_node_get_object (element);
      id_node = json_object_get_member (object_, "id");
      if (id_node != NULL && json_node_get_value_type (id_node) == G_TYPE_STRING)
        id = g_strdup (json_node_get_string (id_node));
      else if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node))
        id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id_node));
      else
        id = g_strdup ("?");
      /* Translators: %s is an order number */
      title = g_strdup_printf (_("Order %s"), id);
      status = json_object_get_string_member_with_default (object_, "status", NULL);
      created = json_object_get_string_member_with_default (object_, "date_created", NULL);
      subtitle = join_nonempty (" · ", status, created, END);
      add_found (self, title, subtitle);
    }
}

static void
check_orders_cb (PkioReviewPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->client == NULL)
    return;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), FALSE);
  pkio_client_find_orders_async (self->client,
                                 pkio_order_get_text (order, PKIO_ORDER_TEXT_EMAIL),
                                 self->sent_at, self->check_cancellable,
                                 find_orders_cb, g_object_ref (self));
}

static void
retry_scheduled_cb (PkioReviewPage *self,
                    guint           attempt,
                    gint64          delay)
{
  int seconds = (int) ((delay + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "CertCentral asked to wait: trying again in %d second.",
                                       "CertCentral asked to wait: trying again in %d seconds.",
                                       seconds),
                          seconds);
  set_status (self, _("Sending the Order"), text, FALSE);
}

static void submitted (GTask            *task,
                       PkioOrderReceipt *receipt,
                       GError           *error);

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  PkioReviewPage *self = g_task_get_source_object (task);
  const char *entry_id = g_object_get_data (G_OBJECT (task), "entry-id");
  const PkioOutboxEntry *entry;
  PkioOrderReceipt *receipt;
  GError *error = NULL;

  g_signal_handlers_disconnect_by_func (self->client, retry_scheduled_cb, self);

  receipt = pkio_outbox_send_finish (PKIO_OUTBOX (object), result, &error);
  entry = receipt == NULL ? pkio_outbox_lookup (PKIO_OUTBOX (object), entry_id) : NULL;

  /* A card order cannot wait in the outbox: its card details are never
   * stored, so it could not be sent from there. Nothing reached
   * CertCentral; it stays here, to be submitted again. */
  if (entry != NULL && entry->state == PKIO_OUTBOX_STATE_NEEDS_PAYMENT &&
      g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NETWORK))
    {
      g_autoptr(GError) network = error;

      pkio_outbox_remove_async (PKIO_OUTBOX (object), entry_id, NULL, NULL, NULL);
      error = g_error_new_literal (PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NETWORK,
                                   _("CertCentral cannot be reached now. A card order does not "
                                     "wait in the outbox, as the card details are never stored: "
                                     "submit it again when the network returns."));
    }
  /* Without a network the order simply waits in the outbox and goes when
   * the network returns: say so rather than report a failure. */
  else if (entry != NULL && entry->state == PKIO_OUTBOX_STATE_QUEUED)
    {
      g_autoptr(GError) network = error;

      error = g_error_new_literal (PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NETWORK,
                                   _("CertCentral cannot be reached now. The order waits in the "
                                     "outbox and is sent when the network returns; it is not "
                                     "sent twice."));
    }

  submitted (task, receipt, error);
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  PkioReviewPage *self = g_task_get_source_object (task);
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  g_autofree char *entry_id = NULL;
  GError *error = NULL;

  entry_id = pkio_outbox_enqueue_finish (PKIO_OUTBOX (object), result, &error);
  if (entry_id == NULL)
    {
      submitted (task, NULL, error);
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "entry-id", g_strdup (entry_id), g_free);
  /* From here the outbox holds the order: its draft has done its job. */
  g_signal_emit (self, signals[ENQUEUED], 0);
  /* A card order's number and CVV are not kept in the outbox: they go
   * with this send only. */
  pkio_outbox_send_async (PKIO_OUTBOX (object), entry_id,
                          pkio_order_get_payment_method (order) == PKIO_PAYMENT_METHOD_CARD
                            ? order : NULL,
                          PKIO_OUTBOX_SEND_NONE, NULL, sent_cb, task);
}

/* Takes @task, @receipt and @error. */
static void
submitted (GTask            *task_,
           PkioOrderReceipt *receipt_,
           GError           *error_)
{
  g_autoptr(GTask) task = task_;
  PkioReviewPage *self = g_task_get_source_object (task);
  g_autoptr(PkioOrderReceipt) receipt = receipt_;
  g_autoptr(GError) error = error_;

  if (receipt == NULL)
    {
      set_status (self, NULL, NULL, FALSE);

      if (g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN))
        {
          /* The order may exist and may be paid for: no Submit from here on
           * for this order. What the account holds is the way to know. */
          self->outcome_unknown = TRUE;
          update_complete (self);
          set_status (self, _("The Order May Have Been Placed"),
                      _("The order was sent, but no answer came back, so it is not known whether "
                        "CertCentral placed it. It is not sent again, to avoid paying twice. "
                        "Check the account’s orders below, or in CertCentral, before doing "
                        "anything else."),
                      TRUE);
          check_orders_cb (self);
        }

      g_task_return_error (task, g_steal_pointer (&error));
      show_identity_state (self);
      return;
    }

  set_status (self, NULL, NULL, FALSE);

  /* The card's secrets are not needed once the order is placed. */
  pkio_order_wipe_card_secrets (pkio_page_get_order (PKIO_PAGE (self)));

  g_signal_emit (self, signals[SUBMITTED], 0, receipt);
  g_task_return_boolean (task, TRUE);
}

/* Takes @task. */
static void
enqueue_and_send (PkioReviewPage *self,
                  GTask          *task)
{
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  self->sent_at = g_date_time_new_now_utc ();
  pkio_outbox_enqueue_async (self->outbox, pkio_page_get_order (PKIO_PAGE (self)), NULL,
                             enqueued_cb, task);
}

/* The same applicant twice: two clerks, or one twice, can start separate
 * orders for one person. Before an order is placed, what is queued, being
 * sent or placed for the same email, or the same first and last name, in
 * the last year is looked for, and the user decides. */

static void
same_applicant_answered_cb (PkioReviewPage *self,
                            const char     *response)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->asking);

  if (task == NULL)
    return;

  if (g_strcmp0 (response, "order") == 0 && !g_task_return_error_if_cancelled (task))
    {
      enqueue_and_send (self, g_steal_pointer (&task));
      return;
    }

  /* Not an error: the user chose not to order (the assistant says nothing). */
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("The order was not placed."));
}

/* Takes @task. */
static void
decide_same_applicant (PkioReviewPage *self,
                       GTask          *task)
{
  static const PkioQuestionResponse responses[] = {
    { "cancel", N_("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "order", N_("_Order Anyway"), ADW_RESPONSE_DESTRUCTIVE },
  };
  PkioQuestionResponse translated[G_N_ELEMENTS (responses)];
  g_autoptr(GString) body = NULL;

  if (self->same_applicant->len == 0)
    {
      enqueue_and_send (self, task);
      return;
    }

  body = g_string_new (_("An order for this applicant is queued or was placed in the last "
                         "year. A second order is paid for again."));
  g_string_append (body, "\n");
  for (guint i = 0; i < self->same_applicant->len; i++)
    g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (self->same_applicant, i));

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      translated[i] = responses[i];
      translated[i].label = _(responses[i].label);
    }

  g_assert (self->asking == NULL);
  self->asking = task;
  pkio_question_present (GTK_WIDGET (self), _("Order Again?"), body->str,
                         translated, G_N_ELEMENTS (translated), "cancel", "cancel",
                         G_CALLBACK (same_applicant_answered_cb), self);
}

static void
same_applicant_found_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioReviewPage *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) found = NULL;

  found = pkio_order_book_find_same_applicant_finish (PKIO_ORDER_BOOK (object), result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; found != NULL && i < found->len; i++)
    g_ptr_array_add (self->same_applicant, g_strdup (g_ptr_array_index (found, i)));
  decide_same_applicant (self, g_steal_pointer (&task));
}

/* Takes @task. */
static void
send_through_outbox (PkioReviewPage *self,
                     GTask          *task)
{
  /* Queued, being sent or placed already: never a second entry. */
  if (get_identity_state (self) != PKIO_ORDER_BOOK_IDENTITY_NEW)
    {
      g_task_return_new_error (task, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_ALREADY_QUEUED, "%s",
                               _("This order is in the outbox or was placed already: it is not "
                                 "submitted again."));
      g_object_unref (task);
      show_identity_state (self);
      return;
    }

  g_ptr_array_set_size (self->same_applicant, 0);
  if (self->no_same_applicant)
    {
      enqueue_and_send (self, task);
      return;
    }

  /* The same applicant, here and in the CertCentral account: the order
   * book looks, the user decides. */
  pkio_order_book_find_same_applicant_async (self->book, pkio_page_get_order (PKIO_PAGE (self)),
                                             g_task_get_cancellable (task),
                                             same_applicant_found_cb, task);
}

static void
key_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioReviewPage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean has_key;

  has_key = pkio_account_load_api_key_finish (self->account, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!has_key)
    {
      g_task_return_new_error (task, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_UNAUTHORIZED, "%s",
                               _("No CertCentral API key is stored. Add one in Preferences, "
                                 "then submit again."));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The account's one client: its rate budget is the outbox's and the
   * status poller's too. */
  g_set_object (&self->client, pkio_account_get_client (self->account));
  g_signal_connect_object (self->client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb),
                           self, G_CONNECT_SWAPPED);

  set_status (self, NULL, NULL, FALSE);

  /* Always through the outbox: the order is written as queued, then as
   * being sent, before anything goes out, so a crash can never lead to
   * sending it again, and what came of it goes to the history. The window
   * opens the outbox just after its first frame; a submission made before
   * that waits for it rather than go out unrecorded. */
  if (self->outbox == NULL)
    {
      g_assert (self->waiting == NULL);
      self->waiting = g_steal_pointer (&task);
      return;
    }

  send_through_outbox (self, g_steal_pointer (&task));
}

static void
later_enqueued_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PkioReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_id = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->later_button), TRUE);
  entry_id = pkio_outbox_enqueue_finish (PKIO_OUTBOX (object), result, &error);
  if (entry_id == NULL)
    {
      set_status (self, _("The Order Could Not Be Kept"), error->message, FALSE);
      return;
    }

  g_signal_emit (self, signals[ENQUEUED], 0);
  g_signal_emit (self, signals[QUEUED_FOR_LATER], 0);
}

static void
enqueue_for_later (PkioReviewPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  g_autoptr(GPtrArray) problems = NULL;

  if (self->outcome_unknown || get_identity_state (self) != PKIO_ORDER_BOOK_IDENTITY_NEW ||
      !pkio_order_validate (order, &problems))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->later_button), FALSE);
  pkio_outbox_enqueue_async (self->outbox, order, NULL, later_enqueued_cb, g_object_ref (self));
}

static void
card_later_answered_cb (PkioReviewPage *self,
                        const char     *response)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (g_strcmp0 (response, "balance") == 0)
    {
      /* The card is not needed, nor kept, for an order paid from the balance. */
      pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_BALANCE);
      pkio_order_wipe_card_secrets (order);
      rebuild (self);
      enqueue_for_later (self);
    }
  else if (g_strcmp0 (response, "now") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "assistant.submit", NULL);
    }
}

/* Submit later: into the outbox, not sent. A desk's scheduled
 * `pkio-order outbox flush`, the outbox view or the network's return sends
 * it. A card order cannot wait there: its card details are never stored,
 * so nothing could send it. The user chooses the balance, or now. */
static void
submit_later_cb (PkioReviewPage *self)
{
  static const PkioQuestionResponse responses[] = {
    { "cancel", N_("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "balance", N_("Pay From the _Balance"), ADW_RESPONSE_DEFAULT },
    { "now", N_("_Submit Now"), ADW_RESPONSE_SUGGESTED },
  };
  PkioQuestionResponse translated[G_N_ELEMENTS (responses)];
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->outbox == NULL)
    {
      set_status (self, _("The Outbox Is Not Open Yet"),
                  _("Try again in a moment, or submit the order now."), FALSE);
      return;
    }

  if (pkio_order_get_payment_method (order) != PKIO_PAYMENT_METHOD_CARD)
    {
      enqueue_for_later (self);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      translated[i] = responses[i];
      translated[i].label = _(responses[i].label);
    }
  pkio_question_present (GTK_WIDGET (self), _("A Card Order Cannot Wait"),
                         _("The card number and security code are never stored, so an order "
                           "paid by card cannot wait in the outbox. Pay it from the account "
                           "balance to send it later, or submit it now."),
                         translated, G_N_ELEMENTS (translated), "now", "cancel",
                         G_CALLBACK (card_later_answered_cb), self);
}

static void
pkio_review_page_apply_async (PkioPage            *page,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PkioReviewPage *self = PKIO_REVIEW_PAGE (page);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_review_page_apply_async);

  /* Next is off unless this holds; checked again since nothing may go out
   * that the core refuses. */
  if (self->outcome_unknown || !pkio_order_validate (pkio_page_get_order (page), &problems))
    {
      const PkioOrderProblem *problem = problems && problems->len > 0
                                        ? g_ptr_array_index (problems, 0) : NULL;

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               problem ? problem->error->message
                                       : _("This order has been sent already."));
      return;
    }

  /* Read again each time: a key stored since (Preferences, set-api-key)
   * is used, by the outbox and the status poller too. */
  pkio_account_load_api_key_async (self->account, cancellable, key_lookup_cb,
                                   g_steal_pointer (&task));
}

static gboolean
pkio_review_page_apply_finish (PkioPage      *page,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
phone_plan_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PkioReviewPage *self = user_data;
  g_autofree char *telephone = NULL;

  /* Cancelled on dispose, when self may be gone; without the plans (the
   * Flatpak runtime) the number stays as it is shown. */
  if (!pkio_phone_plan_load_finish (result, NULL) || self->telephone_row == NULL)
    return;

  telephone = pkio_telephone_dup_display (pkio_order_get_text (pkio_page_get_order (PKIO_PAGE (self)),
                                                               PKIO_ORDER_TEXT_TELEPHONE));
  /* Shown grouped; the Edit button keeps the number as it was read out,
   * or Orca 43 read the applicant's values out again. */
  set_value (self->telephone_row, telephone);
}

static void
pkio_review_page_shown (PkioPage *page)
{
  PkioReviewPage *self = PKIO_REVIEW_PAGE (page);

  rebuild (self);
  show_identity_state (self);

  /* The numbering plans cost about 7 MiB (issue #19): they load when
   * Review is first shown, not at start, and the telephone row is then
   * shown again, grouped. */
  if (self->plan_cancellable == NULL && !pkio_phone_plan_is_loaded ())
    {
      self->plan_cancellable = g_cancellable_new ();
      pkio_phone_plan_load_async (self->plan_cancellable, phone_plan_loaded_cb, self);
    }

  /* The page starts where checking starts, at the applicant's Edit, for
   * every way of paying; first on the page, Submit Later took the focus
   * of a balance order, and Enter queued the order. An order whose
   * outcome is unknown starts at the check instead. */
  if (gtk_widget_is_visible (GTK_WIDGET (self->check_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->check_button));
  else if (self->groups->len > 0)
    gtk_widget_grab_focus (adw_preferences_group_get_header_suffix (g_ptr_array_index (self->groups, 0)));
}

static void
pkio_review_page_reset (PkioPage *page)
{
  PkioReviewPage *self = PKIO_REVIEW_PAGE (page);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  self->outcome_unknown = FALSE;
  set_status (self, NULL, NULL, FALSE);
  clear_found (self);
  rebuild (self);
}

/* While the order is on its way, Edit would leave the page and cancel the
 * submission half-way: only Cancel may do that, on purpose. */
static void
applying_changed_cb (PkioReviewPage *self)
{
  gboolean applying = pkio_page_get_applying (PKIO_PAGE (self));

  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *edit = adw_preferences_group_get_header_suffix (g_ptr_array_index (self->groups,
                                                                                   i));

      gtk_widget_set_sensitive (edit, !applying);
    }
}

static void
pkio_review_page_constructed (GObject *object)
{
  PkioReviewPage *self = (PkioReviewPage *)object;

  G_OBJECT_CLASS (pkio_review_page_parent_class)->constructed (object);

  if (self->account == NULL)
    {
      g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);

      self->account = pkio_account_new_for_settings (settings);
    }

  /* Submit follows each step's validity, and the identity whose place in
   * the order book decides whether there is anything left to submit. */
  g_signal_connect_object (pkio_page_get_order (PKIO_PAGE (self)), "problems-changed",
                           G_CALLBACK (update_complete), self, G_CONNECT_SWAPPED);
  pkio_page_watch_order (PKIO_PAGE (self), G_CALLBACK (update_complete), "identity", NULL);
  g_signal_connect (self, "notify::applying", G_CALLBACK (applying_changed_cb), NULL);
  update_complete (self);
}

static void
pkio_review_page_dispose (GObject *object)
{
  PkioReviewPage *self = (PkioReviewPage *)object;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  self->telephone_row = NULL;
  g_clear_object (&self->client);
  if (self->waiting != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "closed");
    }
  if (self->asking != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->asking);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "closed");
    }
  if (self->book != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->outbox, show_identity_state, self);
      g_signal_handlers_disconnect_by_func (pkio_order_book_get_history (self->book),
                                            show_identity_state, self);
    }
  g_clear_object (&self->outbox);
  g_clear_object (&self->book);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (pkio_review_page_parent_class)->dispose (object);
}

static void
pkio_review_page_finalize (GObject *object)
{
  PkioReviewPage *self = (PkioReviewPage *)object;

  g_clear_object (&self->account);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->found_rows, g_ptr_array_unref);
  g_clear_pointer (&self->same_applicant, g_ptr_array_unref);
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_clear_pointer (&self->json, g_free);

  G_OBJECT_CLASS (pkio_review_page_parent_class)->finalize (object);
}

static void
pkio_review_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkioReviewPage *self = PKIO_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_review_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PkioReviewPage *self = PKIO_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_review_page_class_init (PkioReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_review_page_constructed;
  object_class->dispose = pkio_review_page_dispose;
  object_class->finalize = pkio_review_page_finalize;
  object_class->get_property = pkio_review_page_get_property;
  object_class->set_property = pkio_review_page_set_property;

  page_class->shown = pkio_review_page_shown;
  page_class->reset = pkio_review_page_reset;
  page_class->apply_async = pkio_review_page_apply_async;
  page_class->apply_finish = pkio_review_page_apply_finish;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         PKIO_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PkioReviewPage::edit:
   * @page_id: the page that asks for the group's values
   */
  signals[EDIT] =
    g_signal_new ("edit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PkioReviewPage::submitted:
   * @receipt: what CertCentral answered
   *
   * Emitted before the apply completes, so that the result page has the
   * receipt when it is shown.
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PKIO_TYPE_ORDER_RECEIPT);

  /**
   * PkioReviewPage::enqueued:
   *
   * The order is in the outbox, whatever comes of sending it: it is not
   * lost, and its draft is no longer needed.
   */
  signals[ENQUEUED] =
    g_signal_new ("enqueued",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PkioReviewPage::queued-for-later:
   *
   * The user chose Submit Later and the order is in the outbox, unsent.
   */
  signals[QUEUED_FOR_LATER] =
    g_signal_new ("queued-for-later",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, found_group);
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, json_group);
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, json_label);
  gtk_widget_class_bind_template_callback (widget_class, check_orders_cb);
  gtk_widget_class_bind_template_child (widget_class, PkioReviewPage, later_button);
  gtk_widget_class_bind_template_callback (widget_class, submit_later_cb);
}

static void
pkio_review_page_init (PkioReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_form_describe_once (GTK_WIDGET (self->later_button), TRUE);

  self->groups = g_ptr_array_new ();
  self->found_rows = g_ptr_array_new ();
  self->same_applicant = g_ptr_array_new_with_free_func (g_free);

}

PkioPage *
pkio_review_page_new (PkioOrder   *order,
                      PkioAccount *account)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);
  g_return_val_if_fail (!account || PKIO_IS_ACCOUNT (account), NULL);

  return g_object_new (PKIO_TYPE_REVIEW_PAGE,
                       "order", order,
                       "account", account,
                       NULL);
}

/**
 * pkio_review_page_get_json:
 *
 * Returns: (nullable): the body shown, as sent but with the card masked
 */
const char *
pkio_review_page_get_json (PkioReviewPage *self)
{
  g_return_val_if_fail (PKIO_IS_REVIEW_PAGE (self), NULL);

  return self->json;
}

gboolean
pkio_review_page_get_outcome_unknown (PkioReviewPage *self)
{
  g_return_val_if_fail (PKIO_IS_REVIEW_PAGE (self), FALSE);

  return self->outcome_unknown;
}

/**
 * pkio_review_page_set_order_book:
 * @book: (nullable): the window's order book, once it is loaded
 *
 * Submissions then go through its outbox, and from there to the history;
 * the book says where this page's order is.
 */
void
pkio_review_page_set_order_book (PkioReviewPage *self,
                                 PkioOrderBook  *book)
{
  g_return_if_fail (PKIO_IS_REVIEW_PAGE (self));
  g_return_if_fail (!book || PKIO_IS_ORDER_BOOK (book));

  if (self->book != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->outbox, show_identity_state, self);
      g_signal_handlers_disconnect_by_func (pkio_order_book_get_history (self->book),
                                            show_identity_state, self);
    }
  g_set_object (&self->book, book);
  g_clear_object (&self->outbox);
  if (book != NULL)
    self->outbox = g_object_ref (pkio_order_book_get_outbox (book));
  /* The page follows its order: queued, sent, placed, from here or elsewhere. */
  if (self->book != NULL)
    {
      g_signal_connect_swapped (self->outbox, "changed", G_CALLBACK (show_identity_state), self);
      g_signal_connect_swapped (pkio_order_book_get_history (self->book), "changed",
                                G_CALLBACK (show_identity_state), self);
    }
  show_identity_state (self);

  if (self->outbox != NULL && self->waiting != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

      /* Cancelled while waiting: it must not go out now. */
      if (!g_task_return_error_if_cancelled (task))
        send_through_outbox (self, g_steal_pointer (&task));
    }
}

void
pkio_review_page_set_ask_same_applicant (PkioReviewPage *self,
                                         gboolean        ask)
{
  g_return_if_fail (PKIO_IS_REVIEW_PAGE (self));

  self->no_same_applicant = !ask;
}
