/** Risk rules, the .releasegate.yml policy file and the lint checks of pools at one revision. */
package io.releasegate.policy;
