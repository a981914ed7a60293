/**
 * junit-loadtest: load tests written as JUnit Jupiter classes.
 */
package dev.junitloadtest;
